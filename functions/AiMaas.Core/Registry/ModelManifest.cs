using AiMaas.Core.Training;

namespace AiMaas.Core.Registry;

/// <summary>Everything known about one immutable model version: what it predicts, from which data, how well, and the bytes to trust.</summary>
public sealed record ModelManifest
{
    public required string Model { get; init; }

    public required int Version { get; init; }

    public required TaskKind Task { get; init; }

    public required string Label { get; init; }

    public required IReadOnlyList<FeatureDefinition> Features { get; init; }

    /// <summary>Class names in the order of the model's score vector (multiclass only).</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    public required DatasetReference Dataset { get; init; }

    public required TrainerDescription Trainer { get; init; }

    public required SplitDescription Split { get; init; }

    public required ArtifactReference Artifact { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required double TrainingSeconds { get; init; }

    public string? JobId { get; init; }

    public required string PlatformVersion { get; init; }
}
