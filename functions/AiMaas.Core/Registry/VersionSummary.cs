using AiMaas.Core.Training;

namespace AiMaas.Core.Registry;

public sealed record VersionSummary(int Version, TaskKind Task, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, double> Metrics, string? JobId);
