namespace AiMaas.Core.Training;

/// <summary>A validated training request.</summary>
public sealed record TrainingSpec(string Model, string? Dataset, string? Csv, string Label, TaskKind? Task, TrainerKind Trainer, string? JobId)
{
    public PromotionPolicy Promote { get; init; } = PromotionPolicy.IfBetter;

    public string? PromotionMetric { get; init; }
}
