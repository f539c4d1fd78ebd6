namespace AiMaas.Core.Explanations;

/// <summary>One explainer per class: a one-versus-all model's raw score for a class is its binary sub-model's raw score.</summary>
internal sealed class OneVersusAllExplainer(IFeatureExplainer[] classes, int columns) : IFeatureExplainer
{
    private readonly double[] _baseValues = classes.Select(c => c.BaseValues[0]).ToArray();

    public int Outputs => classes.Length;

    public string Method => classes.Select(c => c.Method).Distinct().Count() == 1 ? classes[0].Method : ExplanationMethods.TreeShap;

    public IReadOnlyList<double> BaseValues => _baseValues;

    public void Explain(ReadOnlySpan<float> features, Span<double> contributions, Span<double> raw)
    {
        for (var k = 0; k < classes.Length; k++)
        {
            classes[k].Explain(features, contributions.Slice(k * columns, columns), raw.Slice(k, 1));
        }
    }
}
