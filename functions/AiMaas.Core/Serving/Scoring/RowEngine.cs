using AiMaas.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Serving.Scoring;

/// <summary>
/// Scores rows one at a time through the model's row-to-row mapper, the mechanism behind ML.NET's PredictionEngine,
/// but over a schema known only at run time. Built once and reused: no per-call pipeline set-up. Not thread-safe;
/// <see cref="ModelScorer"/> pools engines.
/// </summary>
internal sealed class RowEngine : IDisposable
{
    private readonly BatchRow _input;
    private readonly DataViewRow _output;
    private readonly TaskKind _task;
    private readonly ValueGetter<float>? _score;
    private readonly ValueGetter<bool>? _binaryLabel;
    private readonly ValueGetter<float>? _probability;
    private readonly ValueGetter<VBuffer<float>>? _classScores;
    private readonly ValueGetter<ReadOnlyMemory<char>>? _classLabel;
    private VBuffer<float> _scoresBuffer;

    public RowEngine(ITransformer transformer, DataViewSchema inputSchema, TaskKind task)
    {
        var mapper = transformer.GetRowToRowMapper(inputSchema);
        var outputs = mapper.OutputSchema;
        _task = task;
        _input = new BatchRow(mapper.InputSchema);
        var active = task switch
        {
            TaskKind.Regression => new[] { outputs[OutputColumns.Score] },
            TaskKind.Binary => [outputs[OutputColumns.Score], outputs[OutputColumns.PredictedLabel], outputs[OutputColumns.Probability]],
            _ => [outputs[OutputColumns.Score], outputs[OutputColumns.PredictedLabel]],
        };
        _output = mapper.GetRow(_input, active);
        switch (task)
        {
            case TaskKind.Regression:
                _score = _output.GetGetter<float>(outputs[OutputColumns.Score]);
                break;
            case TaskKind.Binary:
                _score = _output.GetGetter<float>(outputs[OutputColumns.Score]);
                _binaryLabel = _output.GetGetter<bool>(outputs[OutputColumns.PredictedLabel]);
                _probability = _output.GetGetter<float>(outputs[OutputColumns.Probability]);
                break;
            default:
                _classScores = _output.GetGetter<VBuffer<float>>(outputs[OutputColumns.Score]);
                _classLabel = _output.GetGetter<ReadOnlyMemory<char>>(outputs[OutputColumns.PredictedLabel]);
                break;
        }
    }

    /// <summary>Scores rows [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="batch"/> into the same rows of <paramref name="results"/>.</summary>
    public void Score(TabularDataView batch, int start, int end, ScoredBatch results)
    {
        _input.Bind(batch);
        try
        {
            for (var row = start; row < end; row++)
            {
                _input.MoveTo(row);
                ScoreCurrent(row, results);
            }
        }
        finally
        {
            _input.Unbind();
        }
    }

    public void Dispose() => _output.Dispose();

    private void ScoreCurrent(int row, ScoredBatch results)
    {
        switch (_task)
        {
            case TaskKind.Regression:
                _score!(ref results.Scores![row]);
                break;
            case TaskKind.Binary:
                _score!(ref results.Scores![row]);
                _binaryLabel!(ref results.BinaryLabels![row]);
                _probability!(ref results.Probabilities![row]);
                break;
            default:
                ReadOnlyMemory<char> label = default;
                _classLabel!(ref label);
                results.ClassLabels![row] = label.ToString();
                _classScores!(ref _scoresBuffer);
                var classes = results.ClassCount;
                var target = results.Probabilities.AsSpan(row * classes, classes);
                ScoreVector.CopyTo(_scoresBuffer, target);
                break;
        }
    }
}
