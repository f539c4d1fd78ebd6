using AiMaas.Core.Data;
using AiMaas.Core.Serving.Scoring;

namespace AiMaas.Core.Explanations;

/// <summary>Explains a loaded version's predictions: exactly in its feature space when its predictor is known, by sampling otherwise. Thread-safe.</summary>
internal sealed class ModelExplainer
{
    private const int ParallelRows = 64;

    private readonly FeatureSpace? _space;
    private readonly IFeatureExplainer? _exact;
    private readonly SamplingExplainer? _sampling;
    private readonly TaskKind _task;
    private readonly IReadOnlyList<string> _classes;

    public ModelExplainer(FeatureSpace space, IFeatureExplainer exact, TaskKind task, IReadOnlyList<string>? classes)
    {
        _space = space;
        _exact = exact;
        _task = task;
        _classes = classes ?? [];
    }

    public ModelExplainer(SamplingExplainer sampling, TaskKind task, IReadOnlyList<string>? classes)
    {
        _sampling = sampling;
        _task = task;
        _classes = classes ?? [];
    }

    public string Method => _exact?.Method ?? ExplanationMethods.Approximate;

    /// <summary>What the contributions add up to: the raw score, except for an uploaded multiclass model explained by sampling.</summary>
    public string Output => _exact is null && _task == TaskKind.Multiclass ? ExplanationOutputs.Probability : ExplanationOutputs.RawScore;

    public IReadOnlyList<string> Columns => _space?.Columns ?? _sampling!.Columns;

    /// <summary>Per row: outputs × columns contributions, base values and raw scores.</summary>
    public RawExplanations ExplainRaw(TabularDataView batch)
    {
        if (_exact is null)
        {
            return _sampling!.Explain(batch);
        }

        var columns = _space!.Columns.Count;
        var outputs = _exact.Outputs;
        var slots = _space.Slots;
        var features = _space.Featurize(batch);
        var result = new RawExplanations(batch.RowCount, outputs, columns);
        for (var o = 0; o < outputs; o++)
        {
            result.BaseValues[o] = _exact.BaseValues[o];
        }

        void ExplainRow(int row) => _exact.Explain(
            features.AsSpan(row * slots, slots),
            result.Contributions.AsSpan(row * outputs * columns, outputs * columns),
            result.RawScores.AsSpan(row * outputs, outputs));
        if (batch.RowCount < ParallelRows || Environment.ProcessorCount == 1)
        {
            for (var row = 0; row < batch.RowCount; row++)
            {
                ExplainRow(row);
            }
        }
        else
        {
            Parallel.For(0, batch.RowCount, ExplainRow);
        }

        return result;
    }

    public IReadOnlyList<InstanceExplanation> Explain(TabularDataView batch, ScoredBatch predictions)
    {
        var raw = ExplainRaw(batch);
        var columns = Columns;
        var explanations = new InstanceExplanation[batch.RowCount];
        for (var row = 0; row < batch.RowCount; row++)
        {
            var prediction = predictions.Prediction(row);
            if (raw.Outputs == 1)
            {
                explanations[row] = new InstanceExplanation(prediction, Method, raw.BaseValues[0], raw.RawScores[row * raw.Outputs], Named(raw, row, 0, columns));
                continue;
            }

            var classes = Enumerable.Range(0, raw.Outputs).Select(k => k < _classes.Count ? _classes[k] : k.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            explanations[row] = new InstanceExplanation(
                prediction,
                Method,
                classes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => raw.BaseValues[p.k], StringComparer.Ordinal),
                classes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => raw.RawScores[(row * raw.Outputs) + p.k], StringComparer.Ordinal),
                classes.Select((c, k) => (c, k)).ToDictionary(p => p.c, p => Named(raw, row, p.k, columns), StringComparer.Ordinal));
        }

        return explanations;
    }

    /// <summary>Contributions by column name, largest in magnitude first: what someone debugging a prediction reads first.</summary>
    private static Dictionary<string, double> Named(RawExplanations raw, int row, int output, IReadOnlyList<string> columns)
    {
        var offset = ((row * raw.Outputs) + output) * raw.Columns;
        return Enumerable.Range(0, raw.Columns)
            .OrderByDescending(c => Math.Abs(raw.Contributions[offset + c]))
            .ToDictionary(c => columns[c], c => raw.Contributions[offset + c], StringComparer.Ordinal);
    }
}
