namespace AiMaas.Core.Registry;

/// <summary>A page of versions, newest first; pass <see cref="ContinuationToken"/> back for the next page.</summary>
public sealed record VersionPage(string Model, IReadOnlyList<VersionSummary> Versions, string? ContinuationToken);
