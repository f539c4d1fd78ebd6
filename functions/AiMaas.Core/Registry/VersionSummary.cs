namespace AiMaas.Core.Registry;

/// <summary>One version in a listing: enough to compare versions side by side.</summary>
public sealed record VersionSummary(
    int Version,
    TaskKind Task,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<string> Aliases,
    string Source,
    string? Dataset,
    string Trainer,
    string? JobId);
