namespace AiMaas.Core.Vocabulary;

public enum ProblemKind
{
    Invalid,
    NotFound,
    Conflict,
    PreconditionFailed,
    TooLarge,
    Corrupt,
    Unavailable,
}
