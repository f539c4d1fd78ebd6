namespace AiMaas.Core.Registry;

/// <summary>A model with its aliases and the versions it has, newest first.</summary>
public sealed record ModelDetails(
    string Name,
    int? CurrentVersion,
    int LatestVersion,
    IReadOnlyDictionary<string, int> Aliases,
    IReadOnlyList<VersionSummary> Versions);
