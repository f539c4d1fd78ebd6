using System.Text;
using System.Text.Json;
using AiMaas.Core.Data;
using AiMaas.Core.Serving;
using AiMaas.Core.Serving.OpenInference;
using AiMaas.Core.Vocabulary;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace AiMaas.Benchmarks;

/// <summary>
/// AiMaas's serving path in-process, on a 10-feature linear regression model trained by <c>ModelTrainer</c> and loaded
/// by <c>VersionLoader</c>: the version's <c>ModelScorer</c> (pooled row engines over the model's <c>IRowToRowMapper</c>)
/// for one row and for 1k rows; the whole <c>PredictionService.PredictAsync</c> (JSON parse, schema check, score,
/// response serialized), and the same through the KServe V1 and V2 services; loading a version from its bytes.
/// References beside them: the bare arithmetic, a pooled <c>PredictionEngine</c>, and ML.NET's <c>Transform</c> path
/// (what AiMaas did per request before the row engines).
/// </summary>
[Config(typeof(ShortConfig))]
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private readonly float[] _weights = [1.5f, -2.0f, 0.75f, 3.0f, -0.5f, 2.25f, -1.25f, 0.4f, 1.1f, -3.3f];
    private BenchModel _model = null!;
    private float[] _row = null!;
    private float[][] _batch = null!;
    private TabularDataView _view1 = null!;
    private TabularDataView _view1k = null!;
    private float[] _scores1 = null!;
    private float[] _scores1k = null!;
    private byte[] _json1 = null!;
    private byte[] _json1k = null!;
    private byte[] _infer1 = null!;
    private EngineInput _engineInput = null!;
    private DefaultObjectPool<PredictionEngine<EngineInput, EngineOutput>> _engines = null!;
    private ModelReference _reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = BenchModel.Train(BenchData.TrainingTable(10_000, seed: 42));
        _row = BenchData.Features(1, seed: 7)[0];
        _batch = BenchData.Features(1_000, seed: 8);
        _view1 = _model.ToDataView([_row]);
        _view1k = _model.ToDataView(_batch);
        _scores1 = new float[1];
        _scores1k = new float[_batch.Length];
        _json1 = Encoding.UTF8.GetBytes(BenchData.InstancesJson([_row]));
        _json1k = Encoding.UTF8.GetBytes(BenchData.InstancesJson(_batch));
        _infer1 = Encoding.UTF8.GetBytes(BenchData.InferJson([_row]));
        _engineInput = EngineInput.From(_row);
        var transformer = _model.Loaded.Transformer;
        _engines = new DefaultObjectPool<PredictionEngine<EngineInput, EngineOutput>>(new EnginePolicy(transformer), Environment.ProcessorCount * 2);
        _reference = new ModelReference(BenchModel.ModelName, BenchModel.Version);
        var scorer = SingleRowScorer();
        if (Math.Abs(scorer - SingleRowPredictionEngine()) > 1e-3 || Math.Abs(scorer - ReferenceSingleRowTransform()) > 1e-3
            || Math.Abs(Batch1kScorer() - ReferenceBatch1kTransform()) > 1e-3)
        {
            throw new InvalidOperationException("ModelScorer, the prediction engine and the Transform path disagree.");
        }

        foreach (var check in new[] { Json1PredictAsync(), Json1kPredictAsync(), V1Json1PredictAsync(), V2Json1InferAsync() })
        {
            check.GetAwaiter().GetResult();
        }
    }

    [Benchmark(Description = "ref. single row: w·x + b in C# (arithmetic only)")]
    public float SingleRowArithmetic()
    {
        var score = 4f;
        for (var f = 0; f < _weights.Length; f++)
        {
            score += _weights[f] * _row[f];
        }

        return score;
    }

    [Benchmark(Description = "ref. single row: pooled typed PredictionEngine")]
    public float SingleRowPredictionEngine()
    {
        var engine = _engines.Get();
        try
        {
            return engine.Predict(_engineInput).Score;
        }
        finally
        {
            _engines.Return(engine);
        }
    }

    [Benchmark(Description = "1 row: ModelScorer.Score (pooled row engine; AiMaas path, no JSON)")]
    public float SingleRowScorer() => _model.Loaded.Scorer.Score(_view1).Scores![0];

    [Benchmark(Description = "1k rows: ModelScorer.Score (one engine; < ParallelBatchThreshold)")]
    public float Batch1kScorer() => _model.Loaded.Scorer.Score(_view1k).Scores![^1];

    [Benchmark(Description = "1 row: PredictionService.PredictAsync, JSON in and out")]
    public Task<int> Json1PredictAsync() => PredictJsonAsync(_json1);

    [Benchmark(Description = "1k rows: PredictionService.PredictAsync, JSON in and out")]
    public Task<int> Json1kPredictAsync() => PredictJsonAsync(_json1k);

    [Benchmark(Description = "1 row: KServe V1 predict service, JSON in and out")]
    public async Task<int> V1Json1PredictAsync()
    {
        var result = await _model.V1.PredictAsync(BenchModel.ModelName, new MemoryStream(_json1, writable: false), CancellationToken.None);
        return await SerializeAsync(result.Problem, result.Value);
    }

    [Benchmark(Description = "1 row: KServe V2 infer service (10 FP32 tensors), JSON in and out")]
    public async Task<int> V2Json1InferAsync()
    {
        var result = await _model.V2.InferAsync(_reference, new InferenceBody(new MemoryStream(_infer1, writable: false)), CancellationToken.None);
        using var response = result.IsFailure ? throw new InvalidOperationException(result.Problem.Detail) : result.Value;
        return response.Body.Length;
    }

    [Benchmark(Description = "model load: MLContext.Model.Load from bytes")]
    public DataViewSchema ModelLoadFromBytes()
    {
        new MLContext().Model.Load(new MemoryStream(_model.Trained.Zip, writable: false), out var schema);
        return schema;
    }

    [Benchmark(Description = "model load: VersionLoader.LoadAsync (manifest, bytes, SHA-256, load, first row engine)")]
    public Task<Result<LoadedModel>> ModelLoadLoader() => _model.Loader.LoadAsync(BenchModel.Key, CancellationToken.None);

    [Benchmark(Description = "ref. (old path) 1 row: Transform + Score cursor")]
    public float ReferenceSingleRowTransform() =>
        BenchModel.ScoreWithTransform(_model.Loaded.Transformer, _model.ToDataView([_row]), _scores1)[0];

    [Benchmark(Description = "ref. (old path) 1k rows: Transform + Score cursor")]
    public float ReferenceBatch1kTransform() =>
        BenchModel.ScoreWithTransform(_model.Loaded.Transformer, _model.ToDataView(_batch), _scores1k)[^1];

    private async Task<int> PredictJsonAsync(byte[] body)
    {
        var result = await _model.Predictions.PredictAsync(_reference, new MemoryStream(body, writable: false), CancellationToken.None);
        return await SerializeAsync(result.Problem, result.Value);
    }

    private static async Task<int> SerializeAsync<T>(Problem? problem, T? value)
    {
        if (problem is not null)
        {
            throw new InvalidOperationException(problem.Detail);
        }

        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, value!, AiMaasJson.Options);
        return (int)output.Length;
    }

    private sealed class EnginePolicy(ITransformer transformer) : PooledObjectPolicy<PredictionEngine<EngineInput, EngineOutput>>
    {
        private readonly MLContext _ml = new();

        public override PredictionEngine<EngineInput, EngineOutput> Create() =>
            _ml.Model.CreatePredictionEngine<EngineInput, EngineOutput>(transformer);

        public override bool Return(PredictionEngine<EngineInput, EngineOutput> obj) => true;
    }
}
