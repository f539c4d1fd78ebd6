namespace AiMaas.Core;

public enum ProblemKind
{
    Invalid,
    NotFound,
    Conflict,
    TooLarge,
    Corrupt,
    Unavailable,
}
