using AiMaas.Core.Data;
using AiMaas.Core.Registry;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace AiMaas.Core.Serving.Scoring;

/// <summary>
/// Scores batches for one loaded version. Rows go through pooled <see cref="RowEngine"/>s (each built once, reused
/// without ML.NET's per-call pipeline set-up); a batch of at least <see cref="ParallelThreshold"/> rows is split into
/// chunks scored on several engines at once. Thread-safe.
/// </summary>
public sealed class ModelScorer : IBatchScorer
{
    private readonly ITransformer _transformer;
    private readonly DataViewSchema _inputSchema;
    private readonly ModelManifest _manifest;
    private readonly ObjectPool<RowEngine> _engines;
    private readonly AffineScorer? _affine;

    public ModelScorer(ITransformer transformer, DataViewSchema inputSchema, ModelManifest manifest, int parallelThreshold)
    {
        _transformer = transformer;
        _inputSchema = inputSchema;
        _manifest = manifest;
        ParallelThreshold = parallelThreshold;
        _engines = new DefaultObjectPool<RowEngine>(new EnginePolicy(this), Environment.ProcessorCount * 2);
        _affine = AffineScorer.TryCreate(transformer, inputSchema, manifest);
    }

    public int ParallelThreshold { get; }

    /// <summary>Whether this model scores column-wise through <see cref="AffineScorer"/>, with parameters read from the model (a linear regression the platform trained on numbers).</summary>
    public bool IsAffine => _affine is not null;

    public ScoredBatch Score(TabularDataView batch)
    {
        var results = new ScoredBatch(_manifest.Task, batch.RowCount, _manifest.Classes);
        if (_affine is not null)
        {
            if (_affine.Score(batch, 0, batch.RowCount, results.Scores!))
            {
                RescoreMissing(batch, results);
            }

            return results;
        }

        if (batch.RowCount < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            ScoreRange(batch, 0, batch.RowCount, results);
            return results;
        }

        var chunks = Math.Min(Environment.ProcessorCount, batch.RowCount / Math.Max(1, ParallelThreshold / 2));
        var size = (batch.RowCount + chunks - 1) / chunks;
        Parallel.For(0, chunks, chunk => ScoreRange(batch, chunk * size, Math.Min(batch.RowCount, (chunk + 1) * size), results));
        return results;
    }

    /// <summary>ML.NET's own batch path (a transform over a data view); kept for comparison and as a reference in tests.</summary>
    internal ScoredBatch ScoreWithTransform(TabularDataView batch) =>
        OutputReader.ReadBatch(_transformer.Transform(batch), _manifest, batch.RowCount);

    /// <summary>Builds an engine now, so that the first request does not pay for it.</summary>
    public void WarmUp() => _engines.Return(_engines.Get());

    /// <summary>Rows with a missing value come out of the affine path as NaN; the model itself imputes them.</summary>
    private void RescoreMissing(TabularDataView batch, ScoredBatch results)
    {
        for (var row = 0; row < batch.RowCount; row++)
        {
            if (float.IsNaN(results.Scores![row]))
            {
                ScoreRange(batch, row, row + 1, results);
            }
        }
    }

    private void ScoreRange(TabularDataView batch, int start, int end, ScoredBatch results)
    {
        var engine = _engines.Get();
        try
        {
            engine.Score(batch, start, end, results);
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    private sealed class EnginePolicy(ModelScorer scorer) : IPooledObjectPolicy<RowEngine>
    {
        public RowEngine Create() => new(scorer._transformer, scorer._inputSchema, scorer._manifest.Task);

        public bool Return(RowEngine obj) => true;
    }
}
