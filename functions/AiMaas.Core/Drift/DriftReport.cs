namespace AiMaas.Core.Drift;

/// <summary>The drift of one version's logged inputs in a time window against its training rows.</summary>
public sealed record DriftReport(
    string Model,
    int Version,
    DateTimeOffset From,
    DateTimeOffset To,
    long Records,
    long Rows,
    IReadOnlyList<FeatureDrift> Features);
