namespace AiMaas.Core.Explanations;

/// <summary>
/// Exact SHAP for linear raw scores (one output, or one per class for maximum entropy): a slot contributes
/// weight × (value − training mean), and the slots of one input column add up to that column's contribution.
/// </summary>
internal sealed class LinearExplainer : IFeatureExplainer
{
    private readonly float[][] _weights;
    private readonly double[] _biases;
    private readonly float[] _mean;
    private readonly int[] _groupOfSlot;
    private readonly int _columns;
    private readonly double[] _baseValues;

    public LinearExplainer(float[][] weights, double[] biases, float[] mean, int[] groupOfSlot, int columns)
    {
        _weights = weights;
        _biases = biases;
        _mean = mean;
        _groupOfSlot = groupOfSlot;
        _columns = columns;
        _baseValues = new double[weights.Length];
        for (var output = 0; output < weights.Length; output++)
        {
            var value = biases[output];
            for (var slot = 0; slot < mean.Length; slot++)
            {
                value += (double)weights[output][slot] * mean[slot];
            }

            _baseValues[output] = value;
        }
    }

    public int Outputs => _weights.Length;

    public string Method => ExplanationMethods.Linear;

    public IReadOnlyList<double> BaseValues => _baseValues;

    public void Explain(ReadOnlySpan<float> features, Span<double> contributions, Span<double> raw)
    {
        contributions.Clear();
        for (var output = 0; output < _weights.Length; output++)
        {
            var weights = _weights[output];
            var row = contributions.Slice(output * _columns, _columns);
            var score = _biases[output];
            for (var slot = 0; slot < weights.Length; slot++)
            {
                score += (double)weights[slot] * features[slot];
                row[_groupOfSlot[slot]] += (double)weights[slot] * ((double)features[slot] - _mean[slot]);
            }

            raw[output] = score;
        }
    }
}
