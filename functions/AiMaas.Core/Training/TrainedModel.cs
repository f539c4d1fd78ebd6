using AiMaas.Core.Evaluation;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Fidelity;
using Microsoft.ML;

namespace AiMaas.Core.Training;

/// <summary>A trained, evaluated and serialized model, not yet stored.</summary>
public sealed record TrainedModel(
    byte[] Zip,
    TaskKind Task,
    IReadOnlyList<FeatureDefinition> Features,
    IReadOnlyList<string>? Classes,
    IReadOnlyDictionary<string, double> Metrics,
    TrainerDescription Trainer,
    SplitDescription Split)
{
    /// <summary>The trained model in memory, to score the held-out rows without a round trip through bytes.</summary>
    public ITransformer? Transformer { get; init; }

    /// <summary>The held-out rows the metrics were computed on, kept to compare this model with the current one.</summary>
    public HoldOut? HoldOut { get; init; }

    /// <summary>The rows the model was trained on, from which explanations take their training mean and background sample.</summary>
    public IDataView? TrainingRows { get; init; }

    /// <summary>Held-out rows with the model's own outputs, stored beside the version and checked at every load.</summary>
    public ProbeSet? Probe { get; init; }

    /// <summary>What <c>"trainer": "auto"</c> tried and chose; null when the request named a trainer.</summary>
    public TuningReport? Tuning { get; init; }
}
