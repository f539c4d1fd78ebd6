namespace AiMaas.Core.Vocabulary;

/// <summary>What went wrong with a request, independent of how a host reports it.</summary>
public sealed record Problem(ProblemKind Kind, string Title, string Detail)
{
    /// <summary>Field-level errors keyed by the JSON path of the offending field.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    public static Problem NotFound(string detail) => new(ProblemKind.NotFound, "Not found", detail);

    public static Problem Invalid(string detail) => new(ProblemKind.Invalid, "Invalid request", detail);

    public static Problem Invalid(string field, string message) =>
        new(ProblemKind.Invalid, "Invalid request", $"{field}: {message}")
        {
            Errors = new Dictionary<string, string[]> { [field] = [message] },
        };

    public static Problem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ProblemKind.Invalid, "Invalid request", string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
        {
            Errors = errors,
        };

    public static Problem Conflict(string detail) => new(ProblemKind.Conflict, "Conflict", detail);

    public static Problem PreconditionFailed(string detail) => new(ProblemKind.PreconditionFailed, "Precondition failed", detail);

    public static Problem TooLarge(string detail) => new(ProblemKind.TooLarge, "Request too large", detail);

    public static Problem Corrupt(string detail) => new(ProblemKind.Corrupt, "Stored model is corrupt", detail);

    public static Problem OutputMismatch(string detail) => new(ProblemKind.Corrupt, "Model output mismatch", detail);
}
