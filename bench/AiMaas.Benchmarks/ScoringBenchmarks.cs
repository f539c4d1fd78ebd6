using System.Text;
using System.Text.Json;
using AiMaas.Core;
using AiMaas.Core.Serving;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace AiMaas.Benchmarks;

/// <summary>
/// AiMaas's scoring path in-process, on a 10-feature linear regression model trained by <c>ModelTrainer</c>:
/// a single row and a 1k-row batch through the loaded model, the whole <c>PredictionService.PredictAsync</c>
/// (JSON parse, schema check, score, response serialized), and loading a version from its bytes.
/// Two references sit beside them: a pooled <c>PredictionEngine</c> and the bare arithmetic.
/// </summary>
[Config(typeof(ShortConfig))]
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private readonly float[] _weights = [1.5f, -2.0f, 0.75f, 3.0f, -0.5f, 2.25f, -1.25f, 0.4f, 1.1f, -3.3f];
    private BenchModel _model = null!;
    private float[] _row = null!;
    private float[][] _batch = null!;
    private float[] _scores1 = null!;
    private float[] _scores1k = null!;
    private byte[] _json1 = null!;
    private byte[] _json1k = null!;
    private EngineInput _engineInput = null!;
    private DefaultObjectPool<PredictionEngine<EngineInput, EngineOutput>> _engines = null!;
    private ModelReference _reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = BenchModel.Train(BenchData.TrainingTable(10_000, seed: 42));
        _row = BenchData.Features(1, seed: 7)[0];
        _batch = BenchData.Features(1_000, seed: 8);
        _scores1 = new float[1];
        _scores1k = new float[_batch.Length];
        _json1 = Encoding.UTF8.GetBytes(BenchData.InstancesJson([_row]));
        _json1k = Encoding.UTF8.GetBytes(BenchData.InstancesJson(_batch));
        _engineInput = EngineInput.From(_row);
        var transformer = _model.Loaded.Transformer;
        _engines = new DefaultObjectPool<PredictionEngine<EngineInput, EngineOutput>>(new EnginePolicy(transformer), Environment.ProcessorCount * 2);
        _reference = new ModelReference(BenchModel.ModelName, BenchModel.Version);
        if (Math.Abs(SingleRowTransform() - SingleRowPredictionEngine()) > 1e-3)
        {
            throw new InvalidOperationException("The data-view path and the prediction engine disagree.");
        }
    }

    [Benchmark(Description = "single row: w·x + b in C# (arithmetic only)")]
    public float SingleRowArithmetic()
    {
        var score = 4f;
        for (var f = 0; f < _weights.Length; f++)
        {
            score += _weights[f] * _row[f];
        }

        return score;
    }

    [Benchmark(Description = "single row: pooled PredictionEngine")]
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

    [Benchmark(Description = "single row: data view + Transform + Score cursor (AiMaas path, no JSON)")]
    public float SingleRowTransform() =>
        BenchModel.Score(_model.Loaded.Transformer, _model.ToDataView([_row]), _scores1)[0];

    [Benchmark(Description = "1k rows: data view + Transform + Score cursor")]
    public float Batch1kTransform() =>
        BenchModel.Score(_model.Loaded.Transformer, _model.ToDataView(_batch), _scores1k)[^1];

    [Benchmark(Description = "1 row: PredictionService.PredictAsync, JSON in and out")]
    public Task<int> Json1PredictAsync() => PredictJsonAsync(_json1);

    [Benchmark(Description = "1k rows: PredictionService.PredictAsync, JSON in and out")]
    public Task<int> Json1kPredictAsync() => PredictJsonAsync(_json1k);

    [Benchmark(Description = "model load: MLContext.Model.Load from bytes")]
    public DataViewSchema ModelLoadFromBytes()
    {
        new MLContext().Model.Load(new MemoryStream(_model.Trained.Zip, writable: false), out var schema);
        return schema;
    }

    [Benchmark(Description = "model load: ModelLoader.LoadAsync (manifest, bytes, SHA-256, load; in-memory blobs)")]
    public Task<LoadedModel?> ModelLoadLoader() => _model.Loader.LoadAsync(BenchModel.Key, CancellationToken.None);

    private async Task<int> PredictJsonAsync(byte[] body)
    {
        var result = await _model.Predictions.PredictAsync(_reference, new MemoryStream(body, writable: false), CancellationToken.None);
        if (result.Problem is { } problem)
        {
            throw new InvalidOperationException(problem.Detail);
        }

        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, result.Value!, AiMaasJson.Options);
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
