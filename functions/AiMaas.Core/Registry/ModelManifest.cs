namespace AiMaas.Core.Registry;

/// <summary>Everything known about one immutable model version: what it predicts, from which data, how well, and the bytes to trust.</summary>
public sealed record ModelManifest
{
    public required string Model { get; init; }

    public required int Version { get; init; }

    public required TaskKind Task { get; init; }

    public required string Label { get; init; }

    public required IReadOnlyList<FeatureDefinition> Features { get; init; }

    /// <summary>Per-feature distributions of the training rows, the reference for drift; null for uploads and older versions.</summary>
    public IReadOnlyList<FeatureStatistics>? FeatureStatistics { get; init; }

    /// <summary>Class names in the order of the model's score vector (multiclass only).</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>How the version came to be: <c>training</c> or <c>upload</c>.</summary>
    public string Source { get; init; } = ModelSources.Training;

    /// <summary>The training data; null for an uploaded model.</summary>
    public DatasetReference? Dataset { get; init; }

    public required TrainerDescription Trainer { get; init; }

    /// <summary>The train/test split and seed; null for an uploaded model.</summary>
    public SplitDescription? Split { get; init; }

    /// <summary>The evidence and decision on making this version current, as evaluated when it was trained.</summary>
    public PromotionDecision? Promotion { get; init; }

    public required ArtifactReference Artifact { get; init; }

    /// <summary><c>mlnet</c> (an ML.NET zip; also when absent) or <c>onnx</c> (an ONNX graph, described by <see cref="Onnx"/>).</summary>
    public string? Format { get; init; }

    /// <summary>The graph of an ONNX version: opsets, producer, inputs and outputs, and how features map onto it.</summary>
    public OnnxDescription? Onnx { get; init; }

    /// <summary>
    /// Rows with the outputs ML.NET gave for them when the version was stored; every load scores them on the serving
    /// path and refuses to serve on a mismatch. Null for versions stored before probes existed.
    /// </summary>
    public ProbeReference? Probe { get; init; }

    /// <summary>The leaderboard of <c>"trainer": "auto"</c>, best first; null when the request named a trainer.</summary>
    public TuningReport? Tuning { get; init; }
    /// <summary>Feature importance and the background of per-prediction explanations; null for uploads and older versions.</summary>
    public ModelExplanations? Explanations { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required double TrainingSeconds { get; init; }

    public string? JobId { get; init; }

    public required string PlatformVersion { get; init; }
}
