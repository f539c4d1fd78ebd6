using AiMaas.Core.Registry;
using AiMaas.Core.Training.Trainers;

namespace AiMaas.Core.Training;

/// <summary>A validated training request.</summary>
public sealed record TrainingSpec(string Model, string? Dataset, string? Csv, string Label, TaskKind? Task, TrainerKind Trainer, string? JobId)
{
    public PromotionPolicy Promote { get; init; } = PromotionPolicy.IfBetter;

    public string? PromotionMetric { get; init; }

    /// <summary>The trainer's hyperparameters, validated against <see cref="TrainerCatalog"/>.</summary>
    public TrainerOptions Options { get; init; } = TrainerOptions.None;

    /// <summary>Set for <c>"trainer": "auto"</c>: search trainers and options instead of using <see cref="Trainer"/>.</summary>
    public Tuning.TuningSpec? Tuning { get; init; }
}
