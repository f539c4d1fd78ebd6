namespace AiMaas.Core.Vocabulary;

/// <summary>The HTTP status each kind of problem is answered with, on every protocol.</summary>
public static class ProblemStatus
{
    public static int Of(ProblemKind kind) => kind switch
    {
        ProblemKind.Invalid => 400,
        ProblemKind.NotFound => 404,
        ProblemKind.Conflict => 409,
        ProblemKind.PreconditionFailed => 412,
        ProblemKind.TooLarge => 413,
        ProblemKind.Unavailable => 503,
        _ => 500,
    };
}
