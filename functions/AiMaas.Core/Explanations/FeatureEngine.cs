using AiMaas.Core.Data;
using AiMaas.Core.Serving.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Explanations;

/// <summary>
/// Reads the feature vector of rows one at a time through the model's row-to-row mapper with only the feature column
/// active (the predictor does not run): the featurizer exactly as the model applies it, without ML.NET's per-call
/// pipeline set-up. Not thread-safe; <see cref="FeatureSpace"/> pools engines.
/// </summary>
internal sealed class FeatureEngine : IDisposable
{
    private readonly BatchRow _input;
    private readonly DataViewRow _output;
    private readonly ValueGetter<VBuffer<float>> _features;
    private VBuffer<float> _buffer;

    public FeatureEngine(ITransformer model, DataViewSchema inputSchema, string featureColumn)
    {
        var mapper = model.GetRowToRowMapper(inputSchema);
        _input = new BatchRow(mapper.InputSchema);
        var column = mapper.OutputSchema[featureColumn];
        _output = mapper.GetRow(_input, [column]);
        _features = _output.GetGetter<VBuffer<float>>(column);
    }

    /// <summary>Writes the vectors of rows [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="batch"/> into <paramref name="result"/>, row-major.</summary>
    public void Featurize(TabularDataView batch, int start, int end, float[] result, int slots)
    {
        _input.Bind(batch);
        try
        {
            for (var row = start; row < end; row++)
            {
                _input.MoveTo(row);
                _features(ref _buffer);
                _buffer.CopyTo(result.AsSpan(row * slots, slots));
            }
        }
        finally
        {
            _input.Unbind();
        }
    }

    public void Dispose()
    {
        _output.Dispose();
        _input.Dispose();
    }
}
