using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using AiMaas.Core.Data;
using AiMaas.Core.PredictionLog;
using AiMaas.Core.Serving;
using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Vocabulary;
using Microsoft.Extensions.Options;
using Microsoft.ML.Data;

namespace AiMaas.Benchmarks;

/// <summary>
/// The prediction log's own cost per record, in process: <c>logging --rounds N</c> serializes 10,000 captured single-row
/// predictions shaped like bench/logging.sh's (10 features with 4 decimals, one regression score) into a partition's
/// <see cref="LogLines"/>, as the buffer does with each request's, then gzips them at <see cref="CompressionLevel.Fastest"/> as the blob sink
/// does. Prints the median ns and bytes allocated per record for each step, and the bytes stored per record.
/// </summary>
internal static class LoggingCommand
{
    private const int Records = 10_000;

    public static int Run(string[] args)
    {
        var rounds = args.Length > 1 && args[0] == "--rounds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        Console.Error.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} processors");
        var captured = Captured();
        var serializer = new PredictionRecordSerializer(Options.Create(new PredictionLogOptions()));
        var lines = new LogLines();
        using var compressed = new MemoryStream(4 << 20);
        var serialize = new List<double>();
        var gzip = new List<double>();
        long allocated = 0;
        for (var round = 0; round < rounds + 10; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            lines.Clear();
            foreach (var record in captured)
            {
                serializer.Write(record, lines);
            }

            var serialized = clock.Elapsed.TotalNanoseconds;
            compressed.SetLength(0);
            using (var stream = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                stream.Write(lines.Bytes.Span);
            }

            var total = clock.Elapsed.TotalNanoseconds;
            if (round >= 10)
            {
                // The first rounds let the JIT reach its optimized code.
                serialize.Add(serialized / Records);
                gzip.Add((total - serialized) / Records);
                allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / Records;
            }
        }

        Console.WriteLine($"serialize: median {Median(serialize):F0} ns/record; gzip (fastest): median {Median(gzip):F0} ns/record; " +
            $"{allocated} B allocated/record; {lines.Bytes.Length / Records} B JSON -> {compressed.Length / Records} B gzip per record");
        return 0;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static CapturedPrediction[] Captured()
    {
        var schema = TabularDataView.CreateSchema(Enumerable.Range(0, 10).Select(i => ($"f{i}", (DataViewType)NumberDataViewType.Single)));
        var random = new Random(7);
        var settings = new LoggingSettings { Enabled = true };
        var start = DateTimeOffset.UtcNow;
        var captured = new CapturedPrediction[Records];
        for (var i = 0; i < Records; i++)
        {
            var columns = new Array[10];
            for (var c = 0; c < columns.Length; c++)
            {
                columns[c] = new[] { MathF.Round((float)((random.NextDouble() * 8) - 3), 4) };
            }

            var call = new PredictionCall("aimaas", new ModelReference("bench-linear", 1), RequestIds.New(), start.AddTicks(i * 300L), 0);
            var scored = new ScoredBatch(TaskKind.Regression, 1, null);
            scored.Scores![0] = (float)((random.NextDouble() * 10) - 5);
            call.Scored(new TabularDataView(schema, columns, 1), scored);
            captured[i] = new CapturedPrediction(call, settings, 200, null, 0.123);
        }

        return captured;
    }
}
