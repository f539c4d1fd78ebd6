namespace AiMaas.Core.Explanations;

/// <summary>The quantity an explanation adds up to, as named in the response's <c>output</c>.</summary>
public static class ExplanationOutputs
{
    /// <summary>The model's raw score: the score for regression, the margin (log-odds before calibration) for binary, per-class scores before softmax or normalisation for multiclass.</summary>
    public const string RawScore = "rawScore";

    /// <summary>An uploaded multiclass model explained by sampling: its per-class probabilities.</summary>
    public const string Probability = "probability";
}
