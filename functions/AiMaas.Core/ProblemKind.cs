namespace AiMaas.Core;

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
