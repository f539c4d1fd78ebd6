namespace AiMaas.Core.Drift;

/// <summary>
/// The drift of one version's logged inputs in a time window (or of a batch job's input) against its training rows.
/// <see cref="Records"/> counts log records read, or for a batch job the input's data rows; <see cref="Rows"/> the rows compared.
/// </summary>
public sealed record DriftReport(
    string Model,
    int Version,
    DateTimeOffset? From,
    DateTimeOffset? To,
    long Records,
    long Rows,
    IReadOnlyList<FeatureDrift> Features,
    string? BatchJob = null);
