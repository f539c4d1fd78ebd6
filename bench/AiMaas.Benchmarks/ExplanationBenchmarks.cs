using System.Text;
using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;
using BenchmarkDotNet.Attributes;

namespace AiMaas.Benchmarks;

/// <summary>
/// Explanations in-process through <c>ExplanationService.ExplainAsync</c> (JSON parse, schema check, prediction,
/// interventional TreeSHAP over 100 background rows, response serialized), on a 100-tree FastTree regression over 10
/// features trained by <c>ModelTrainer</c>: one row, and a batch of 1,000 rows. Targets: under 5 ms and under 1 s.
/// </summary>
[Config(typeof(ShortConfig))]
[MemoryDiagnoser]
public class ExplanationBenchmarks
{
    private BenchModel _model = null!;
    private byte[] _json1 = null!;
    private byte[] _json1k = null!;
    private ModelReference _reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = BenchModel.Train(BenchData.TrainingTable(10_000, seed: 42), TrainerKind.FastTree);
        _json1 = Encoding.UTF8.GetBytes(BenchData.InstancesJson([BenchData.Features(1, seed: 7)[0]]));
        _json1k = Encoding.UTF8.GetBytes(BenchData.InstancesJson(BenchData.Features(1_000, seed: 8)));
        _reference = new ModelReference(BenchModel.ModelName, BenchModel.Version);
        var method = ExplainOneRow();
        if (method != "treeShap")
        {
            throw new InvalidOperationException($"The benchmark model is explained by {method}, not TreeSHAP.");
        }
    }

    [Benchmark(Description = "Explain 1 row, 100 trees (ExplanationService)")]
    public string ExplainOneRow() => Explain(_json1);

    [Benchmark(Description = "Explain 1k rows, 100 trees (ExplanationService)")]
    public string ExplainBatch1k() => Explain(_json1k);

    private string Explain(byte[] json)
    {
        var result = _model.Explanations.ExplainAsync(_reference, new MemoryStream(json, writable: false), CancellationToken.None).GetAwaiter().GetResult();
        var response = result.Value ?? throw new InvalidOperationException(result.Problem!.Detail);
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(response, AiMaas.Core.Vocabulary.AiMaasJson.Options);
        return response.Explanations[0].Method;
    }
}
