using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Datasets;
using AiMaas.Core.Serving;
using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Benchmarks;

/// <summary>
/// The ML.NET side of bench/batch.sh: trains on the CSV bench/data.py wrote (through <c>ModelTrainer</c>, as the queue path
/// does), loads it through <c>ModelLoader</c>, then times batch scoring of the first N rows of another CSV through the
/// version's <c>ModelScorer</c> (AiMaas's batch path, parallel for large batches), beside one-core scoring, ML.NET's
/// <c>Transform</c> (reference) and a SIMD loop (the arithmetic's floor); writes rows/s as JSON.
/// Usage: batch --train train.csv --data batch.csv --sizes 10000,100000 --seconds 2 --out mlnet.json
/// </summary>
internal static class BatchCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int Run(string[] args)
    {
        var options = ParseArgs(args);
        var trainPath = options["train"];
        var model = BenchModel.Train(CsvTableReader.Read(File.OpenRead(trainPath)));
        var all = BenchData.ReadFeatures(options["data"]);
        var sizes = options["sizes"].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var seconds = double.Parse(options.GetValueOrDefault("seconds", "2"), CultureInfo.InvariantCulture);
        var maxInstances = new ServingOptions().MaxInstancesPerRequest;
        var reference = new ModelReference(BenchModel.ModelName, BenchModel.Version);
        var threshold = new ServingOptions().ParallelBatchThreshold;
        var sequential = new ModelScorer(model.Loaded.Transformer, model.Loaded.InputSchema, model.Manifest, int.MaxValue);
        Console.Error.WriteLine($"ModelScorer: ParallelBatchThreshold {threshold}, {Environment.ProcessorCount} processors.");

        var results = new List<object>();
        foreach (var size in sizes)
        {
            var rows = all[..size];
            var view = model.ToDataView(rows);
            var scores = new float[size];
            // AiMaas's batch path: the loaded version's ModelScorer, which splits a batch of ParallelBatchThreshold rows
            // or more into chunks scored on pooled row engines in parallel (one per core), as PredictionService does.
            results.Add(Measure("aimaas-scorer", size, seconds, () => model.Loaded.Scorer.Score(view)));
            results.Add(Measure("aimaas-scorer-1core", size, seconds, () => sequential.Score(view)));
            results.Add(Measure("mlnet-transform", size, seconds, () => BenchModel.ScoreWithTransform(model.Loaded.Transformer, view, scores)));

            var columns = Enumerable.Range(0, BenchData.FeatureCount).Select(f => rows.Select(r => r[f]).ToArray()).ToArray();
            var weights = new float[] { 1.5f, -2.0f, 0.75f, 3.0f, -0.5f, 2.25f, -1.25f, 0.4f, 1.1f, -3.3f };
            results.Add(Measure("csharp-vector-loop", size, seconds, () => VectorScore(columns, weights, 4f, scores)));

            if (size <= maxInstances)
            {
                var body = Encoding.UTF8.GetBytes(BenchData.InstancesJson(rows));
                results.Add(Measure("aimaas-predict-json", size, seconds, () => PredictJson(model, reference, body)));
            }
        }

        var json = JsonSerializer.Serialize(new { rowsFile = options["data"], results }, Indented);
        File.WriteAllText(options["out"], json);
        Console.WriteLine(json);
        return 0;
    }

    /// <summary>Warms up (3 passes and at least 0.5 s, so tiered JIT settles), then repeats the pass until <paramref name="seconds"/> have elapsed (at least 5 passes); reports the median and best pass.</summary>
    private static object Measure(string name, int rows, double seconds, Action pass)
    {
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < 3 || warmup.Elapsed.TotalSeconds < 0.5; i++)
        {
            pass();
        }

        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 5 || total.Elapsed.TotalSeconds < seconds)
        {
            var start = Stopwatch.GetTimestamp();
            pass();
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        times.Sort();
        var median = times[times.Count / 2];
        return new
        {
            name,
            rows,
            passes = times.Count,
            medianMs = median * 1000,
            bestMs = times[0] * 1000,
            rowsPerSecond = rows / median,
        };
    }

    private static void PredictJson(BenchModel model, ModelReference reference, byte[] body)
    {
        var result = model.Predictions.PredictAsync(reference, new MemoryStream(body, writable: false), CancellationToken.None).GetAwaiter().GetResult();
        if (result.Failed(out var problem))
        {
            throw new InvalidOperationException(problem.Detail);
        }

        JsonSerializer.Serialize(Stream.Null, result.Value, AiMaasJson.Options);
    }

    /// <summary>The arithmetic alone, column-major with SIMD: what a linear model costs without ML.NET's row cursor.</summary>
    private static void VectorScore(float[][] columns, float[] weights, float bias, float[] scores)
    {
        Array.Fill(scores, bias);
        var width = Vector<float>.Count;
        for (var f = 0; f < columns.Length; f++)
        {
            var column = columns[f];
            var weight = new Vector<float>(weights[f]);
            var i = 0;
            for (; i <= scores.Length - width; i += width)
            {
                (new Vector<float>(scores, i) + (weight * new Vector<float>(column, i))).CopyTo(scores, i);
            }

            for (; i < scores.Length; i++)
            {
                scores[i] += weights[f] * column[i];
            }
        }
    }

    private static Dictionary<string, string> ParseArgs(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        foreach (var required in new[] { "train", "data", "sizes", "out" })
        {
            if (!options.ContainsKey(required))
            {
                throw new ArgumentException($"batch: --{required} is required.");
            }
        }

        return options;
    }
}
