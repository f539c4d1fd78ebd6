using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving;
using AiMaas.Core.Serving.Onnx;
using AiMaas.Core.Serving.OpenInference;
using AiMaas.Tests.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace AiMaas.Benchmarks;

/// <summary>
/// ONNX serving against ONNX Runtime itself. <c>onnx-model OUT.onnx</c> writes the benchmark MLP (10 inputs, 200 hidden
/// units, 3 classes: Gemm → Relu → Gemm → Softmax, 2,803 parameters, fixed-seed weights). <c>onnx --rows N --seconds S
/// --out FILE.json</c> times one V2 infer request of N rows end to end in process, from the body's bytes to the response's
/// bytes as <c>OpenInferenceService</c> runs it (<see cref="InferenceEnvelopeReader"/>, <see cref="OnnxInputBinder"/>, one
/// <see cref="OnnxModel.Execute"/>, <see cref="OnnxResponseWriter"/>), as JSON and with the binary tensor data extension,
/// against one <c>InferenceSession.Run</c> on an already built float array, in the same process run.
/// </summary>
internal static class OnnxCommand
{
    public const int Features = 10;
    public const int Hidden = 200;
    public const int Classes = 3;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static int WriteModel(string path)
    {
        File.WriteAllBytes(path, Mlp());
        return 0;
    }

    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        var rows = int.Parse(options.GetValueOrDefault("rows", "10000"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(options.GetValueOrDefault("seconds", "3"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(options.GetValueOrDefault("rounds", "3"), CultureInfo.InvariantCulture);
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        Console.Error.WriteLine($"load average at start: {load}; {Environment.ProcessorCount} processors");
        var bytes = Mlp();
        var threshold = new ServingOptions().ParallelBatchThreshold;

        var random = new Random(7);
        var x = new float[rows * Features];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = MathF.Round((float)((random.NextDouble() * 4) - 2), 4);
        }

        var body = Body(x, rows);
        var (binaryBody, headerLength) = BinaryBody(x, rows, binaryOutputs: true);
        var (binaryInJsonOut, jsonOutHeaderLength) = BinaryBody(x, rows, binaryOutputs: false);
        string[] inputNames = ["X"];
        string[] outputNames = ["logits", "probabilities"];
        long[] shape = [rows, Features];
        using var runOptions = new RunOptions();

        // For each intra-op setting (1, the default, and one thread per core), the direct Run and AiMaas get sessions made
        // with the same options. Each AiMaas pass is the V2 ONNX path of OpenInferenceService from the body's bytes (as
        // RequestBody holds them) to the response's bytes: the envelope, the tensors bound to the graph, the Run (split
        // across the cores when the graph is row-independent and the batch has at least ParallelBatchThreshold rows), the
        // response written. The passes are interleaved: every round runs each of them for seconds / rounds.
        var passes = new List<Pass>();
        var disposables = new List<IDisposable>();
        foreach (var intraOp in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            var session = OnnxSessions.Create(bytes, intraOp);
            var (inputs, outputs, _) = OnnxSessions.Describe(session);
            var description = new OnnxDescription(8, new Dictionary<string, long> { [""] = 13 }, "bench", "1", inputs, outputs, null, null);
            var split = OnnxRowIndependence.Decide(bytes, description);
            var model = new OnnxModel(OnnxSessions.Create(bytes, intraOp), description, split, threshold, intraOp);
            var single = new OnnxModel(OnnxSessions.Create(bytes, intraOp), description, OnnxBatchSplit.Never("benchmark: one Run"), threshold, intraOp);
            disposables.AddRange([session, model, single]);
            Console.Error.WriteLine($"intra-op {intraOp}: {(split.RowIndependent ? "row-independent" : "not split")} ({split.Reason}); {rows} rows run in {model.ChunksFor(rows)} chunk(s)");
            var tag = $"intra-op {intraOp}";
            passes.Add(new Pass($"ort-run ({tag})", () =>
            {
                using var value = OrtValue.CreateTensorValueFromMemory(x, shape);
                using var output = session.Run(runOptions, inputNames, [value], outputNames);
                return output[1].GetTensorDataAsSpan<float>()[0];
            }));
            passes.Add(new Pass($"aimaas-v2-binary ({tag}, {model.ChunksFor(rows)} chunk(s))", () => Infer(model, binaryBody, headerLength)));
            if (model.ChunksFor(rows) > 1)
            {
                passes.Add(new Pass($"aimaas-v2-binary ({tag}, one Run: split off)", () => Infer(single, binaryBody, headerLength)));
            }

            passes.Add(new Pass($"aimaas-v2-json ({tag}, {model.ChunksFor(rows)} chunk(s))", () => Infer(model, body, headerLength: null)));
            passes.Add(new Pass($"aimaas-v2-binary-in-json-out ({tag})", () => Infer(model, binaryInJsonOut, jsonOutHeaderLength)));
        }

        // Where the time of the JSON path goes: each step alone (intra-op 1, as served by default).
        var stepModel = (OnnxModel)disposables[1];
        var single1 = (OnnxModel)disposables[2];
        using var parsed = Bind(stepModel, body, headerLength: null);
        passes.Add(new Pass("step: JSON envelope + tensor parse (100,000 numbers)", () =>
        {
            using var request = Bind(stepModel, body, headerLength: null);
            return request.Request.Inputs.Count;
        }));
        passes.Add(new Pass("step: binary envelope + one copy", () =>
        {
            using var request = Bind(stepModel, binaryBody, headerLength);
            return request.Request.Inputs.Count;
        }));
        passes.Add(new Pass("step: OnnxModel.Execute (intra-op 1, split as served)", () =>
        {
            using var run = stepModel.Execute(parsed.Request.Inputs, outputNames);
            return run.Names.Count;
        }));
        passes.Add(new Pass("step: OnnxModel.Execute (intra-op 1, one Run)", () =>
        {
            using var run = single1.Execute(parsed.Request.Inputs, outputNames);
            return run.Names.Count;
        }));
        var written = single1.Execute(parsed.Request.Inputs, outputNames);
        disposables.Add(written);
        passes.Add(new Pass("step: write the JSON response (60,000 floats)", () =>
        {
            using var response = OnnxResponseWriter.Write("bench", "1", null, written, new HashSet<string>());
            return response.Body.Length;
        }));
        passes.Add(new Pass("step: write the binary response", () =>
        {
            using var response = OnnxResponseWriter.Write("bench", "1", null, written, outputNames.ToHashSet());
            return response.Body.Length;
        }));

        foreach (var pass in passes)
        {
            pass.Warm();
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var pass in passes)
            {
                pass.Measure(seconds / rounds);
            }
        }

        var results = passes.Select(p => p.Result(rows)).ToList();
        var json = JsonSerializer.Serialize(new { rows, load, processors = Environment.ProcessorCount, parallelBatchThreshold = threshold, bodyBytes = body.Length, binaryBodyBytes = binaryBody.Length, parameters = (Features * Hidden) + Hidden + (Hidden * Classes) + Classes, results }, Indented);
        File.WriteAllText(options.GetValueOrDefault("out", "onnx.json"), json);
        Console.WriteLine(json);
        for (var i = disposables.Count - 1; i >= 0; i--)
        {
            disposables[i].Dispose();
        }

        return 0;
    }

    /// <summary>The envelope and the request bound from it; disposing returns their pooled arrays, as the service does after responding.</summary>
    private static BoundRequest Bind(OnnxModel model, byte[] body, long? headerLength)
    {
        var envelope = InferenceEnvelopeReader.Read(body, headerLength);
        var bound = envelope.IsFailure ? throw new InvalidOperationException(envelope.Problem.Detail) : OnnxInputBinder.Bind(envelope.Value, model.Description, int.MaxValue);
        return bound.IsFailure ? throw new InvalidOperationException(bound.Problem.Detail) : new BoundRequest(envelope.Value, bound.Value);
    }

    private static float Infer(OnnxModel model, byte[] body, long? headerLength)
    {
        using var bound = Bind(model, body, headerLength);
        var request = bound.Request;
        using var run = model.Execute(request.Inputs, request.Outputs ?? model.Description.Outputs.Select(o => o.Name).ToArray());
        using var response = OnnxResponseWriter.Write("bench", "1", request.Id, run, request.BinaryOutputs);
        return response.Body.Length;
    }

    /// <summary>One timed pass, measured in several rounds interleaved with the others.</summary>
    private sealed class Pass(string name, Func<float> run)
    {
        private readonly List<double> _times = [];
        private long _allocated;
        private float _sink;

        public void Warm()
        {
            for (var i = 0; i < 3; i++)
            {
                _sink += run();
            }
        }

        public void Measure(double seconds)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var total = Stopwatch.StartNew();
            var count = 0;
            while (count < 5 || total.Elapsed.TotalSeconds < seconds)
            {
                var start = Stopwatch.GetTimestamp();
                _sink += run();
                _times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                count++;
            }

            _allocated += GC.GetAllocatedBytesForCurrentThread() - allocated;
        }

        public object Result(int rows)
        {
            var times = _times.Order().ToArray();
            var median = times[times.Length / 2];
            var bytesPerPass = _allocated / times.Length;
            Console.Error.WriteLine($"{name}: median {median:F3} ms, best {times[0]:F3} ms over {times.Length} passes, {bytesPerPass} B allocated a pass ({_sink:F0})");
            return new { name, passes = times.Length, medianMs = Math.Round(median, 3), bestMs = Math.Round(times[0], 3), rowsPerSecond = Math.Round(rows / median * 1000), allocatedBytesPerPass = bytesPerPass };
        }
    }

    /// <summary>A V2 infer body: one FP32 tensor "X" of shape [rows, 10], data nested by row as clients usually send it.</summary>
    private static byte[] Body(float[] x, int rows)
    {
        var text = new StringBuilder("{\"inputs\":[{\"name\":\"X\",\"shape\":[");
        text.Append(rows).Append(',').Append(Features).Append("],\"datatype\":\"FP32\",\"data\":[");
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "[" : ",[");
            for (var c = 0; c < Features; c++)
            {
                text.Append(c == 0 ? string.Empty : ",").Append(x[(r * Features) + c].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append(']');
        }

        return Encoding.UTF8.GetBytes(text.Append("]}]}").ToString());
    }

    /// <summary>The same tensor with the binary tensor data extension: a JSON header, then the [rows, 10] floats' raw bytes.</summary>
    private static (byte[] Body, long HeaderLength) BinaryBody(float[] x, int rows, bool binaryOutputs)
    {
        var header = Encoding.UTF8.GetBytes(
            $"{{\"inputs\":[{{\"name\":\"X\",\"shape\":[{rows},{Features}],\"datatype\":\"FP32\",\"parameters\":{{\"binary_data_size\":{x.Length * sizeof(float)}}}}}],"
            + $"\"parameters\":{{\"binary_data_output\":{(binaryOutputs ? "true" : "false")}}}}}");
        return ([.. header, .. MemoryMarshal.AsBytes(x.AsSpan())], header.Length);
    }

    /// <summary>The benchmark MLP; the seed is the one every earlier run used, so the weights are the same.</summary>
    private static byte[] Mlp() => OnnxGraphs.RandomMlp(Features, Hidden, Classes, seed: 20261202);

    private sealed class BoundRequest(InferenceEnvelope envelope, OnnxInferenceRequest request) : IDisposable
    {
        public OnnxInferenceRequest Request { get; } = request;

        public void Dispose()
        {
            Request.Dispose();
            envelope.Dispose();
        }
    }
}
