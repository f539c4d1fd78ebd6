namespace AiMaas.Core.Training;

/// <summary>A training request as it arrives on the queue or over HTTP: every field is checked by <see cref="TrainingRequestValidator"/>.</summary>
public sealed record TrainingRequest
{
    public string? Model { get; init; }

    public string? Dataset { get; init; }

    public string? Csv { get; init; }

    public string? Label { get; init; }

    public string? Task { get; init; }

    public string? Trainer { get; init; }

    /// <summary>The trainer's hyperparameters by name, e.g. <c>{"numberOfTrees": 200, "learningRate": 0.1}</c>.</summary>
    public System.Text.Json.JsonElement? Options { get; init; }

    /// <summary>For <c>"trainer": "auto"</c>: <c>{"trials": 20, "timeBudgetSeconds": 300, "folds": 5}</c>.</summary>
    public System.Text.Json.JsonElement? Tuning { get; init; }

    public string? JobId { get; init; }

    /// <summary><c>if-better</c> (default), <c>always</c> or <c>never</c>.</summary>
    public string? Promote { get; init; }

    /// <summary>The metric <c>if-better</c> compares; the task's primary metric when absent.</summary>
    public string? PromotionMetric { get; init; }
}
