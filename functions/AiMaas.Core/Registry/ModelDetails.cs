namespace AiMaas.Core.Registry;

/// <summary>A model with its aliases and its newest versions (more through <c>GET .../versions</c>).</summary>
public sealed record ModelDetails(
    string Name,
    int? CurrentVersion,
    int LatestVersion,
    IReadOnlyDictionary<string, int> Aliases,
    IReadOnlyList<VersionSummary> Versions,
    string? VersionsContinuationToken,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The model document's ETag; send it in If-Match to update aliases only if nobody else has.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ETag { get; init; } = "";
}
