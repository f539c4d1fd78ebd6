using AiMaas.Core.Registry;

namespace AiMaas.Core.Training;

/// <summary>A trained, evaluated and serialized model, not yet stored.</summary>
public sealed record TrainedModel(
    byte[] Zip,
    TaskKind Task,
    IReadOnlyList<FeatureDefinition> Features,
    IReadOnlyList<string>? Classes,
    IReadOnlyDictionary<string, double> Metrics,
    TrainerDescription Trainer,
    SplitDescription Split);
