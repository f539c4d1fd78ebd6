namespace AiMaas.Core.Explanations;

/// <summary>
/// Explains a predictor's raw scores over its feature vector: for each output (one, or one per class), a base value and
/// one contribution per input column, adding up exactly to the raw score. Thread-safe.
/// </summary>
internal interface IFeatureExplainer
{
    /// <summary>1 for regression and binary models, the class count for multiclass.</summary>
    int Outputs { get; }

    string Method { get; }

    /// <summary>The expected raw score over the background, per output.</summary>
    IReadOnlyList<double> BaseValues { get; }

    /// <param name="features">One feature vector.</param>
    /// <param name="contributions">Outputs × columns, row-major; overwritten.</param>
    /// <param name="raw">One raw score per output; overwritten.</param>
    void Explain(ReadOnlySpan<float> features, Span<double> contributions, Span<double> raw);
}
