namespace AiMaas.Core.Training;

/// <summary>
/// A bounded, seeded sample of a version's hold-out rows with the true label and what the model predicted for each,
/// stored at training time so that charts (confusion matrix, ROC, predicted vs actual, residuals) need no re-scoring.
/// Column arrays of equal length; only the ones of the task are set.
/// </summary>
public sealed record EvaluationSample
{
    public required string Model { get; init; }

    public required int Version { get; init; }

    public required TaskKind Task { get; init; }

    /// <summary>How many hold-out rows there were; <see cref="Rows"/> of them are in the sample.</summary>
    public required int HoldOutRows { get; init; }

    public required int Rows { get; init; }

    public required bool Sampled { get; init; }

    public required int Seed { get; init; }

    /// <summary>Class names (multiclass), in the order of <see cref="Probabilities"/>' inner arrays.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Regression: the true values.</summary>
    public IReadOnlyList<float>? Actual { get; init; }

    /// <summary>Regression: the predicted values.</summary>
    public IReadOnlyList<float>? Predicted { get; init; }

    /// <summary>Binary: the true labels.</summary>
    public IReadOnlyList<bool>? ActualFlags { get; init; }

    /// <summary>Binary: the predicted labels.</summary>
    public IReadOnlyList<bool>? PredictedFlags { get; init; }

    /// <summary>Binary: the predicted probability of the positive class.</summary>
    public IReadOnlyList<float>? Probability { get; init; }

    /// <summary>Multiclass: the true class names.</summary>
    public IReadOnlyList<string>? ActualClasses { get; init; }

    /// <summary>Multiclass: the predicted class names.</summary>
    public IReadOnlyList<string>? PredictedClasses { get; init; }

    /// <summary>Multiclass: per row, the probability of each class in the order of <see cref="Classes"/>.</summary>
    public IReadOnlyList<IReadOnlyList<float>>? Probabilities { get; init; }
}
