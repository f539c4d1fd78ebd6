namespace AiMaas.Core.Registry;

public sealed record ModelSummary(string Name, int? CurrentVersion, int LatestVersion, DateTimeOffset UpdatedAt);
