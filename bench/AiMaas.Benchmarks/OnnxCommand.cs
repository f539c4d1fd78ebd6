using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Onnx;
using AiMaas.Core.Serving.OpenInference;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace AiMaas.Benchmarks;

/// <summary>
/// ONNX serving against ONNX Runtime itself. <c>onnx-model OUT.onnx</c> writes the benchmark MLP (10 inputs, 200 hidden
/// units, 3 classes: Gemm → Relu → Gemm → Softmax, 2,803 parameters, fixed-seed weights). <c>onnx --rows N --seconds S
/// --out FILE.json</c> times one V2 infer body of N rows end to end in process (the body's bytes read, the graph run, the
/// response serialized as the HTTP path does: with the <see cref="OnnxTensorJsonReader"/> fast path, and with the
/// JsonDocument reader it falls back to) against one <c>InferenceSession.Run</c> on an already built float array.
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
        var bytes = Mlp();
        using var session = OnnxSessions.Create(bytes, intraOpThreads: 1);
        var (inputs, outputs, _) = OnnxSessions.Describe(session);
        var description = new OnnxDescription(8, new Dictionary<string, long> { [""] = 13 }, "bench", "1", inputs, outputs, null, null);
        using var model = new OnnxModel(OnnxSessions.Create(bytes, intraOpThreads: 1), description);

        var random = new Random(7);
        var x = new float[rows * Features];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = MathF.Round((float)((random.NextDouble() * 4) - 2), 4);
        }

        var body = Body(x, rows);
        var response = new ArrayBufferWriter<byte>(1 << 20);
        string[] inputNames = ["X"];
        string[] outputNames = ["logits", "probabilities"];
        long[] shape = [rows, Features];
        using var runOptions = new RunOptions();

        var results = new List<object>
        {
            Measure("ort-run", rows, seconds, () =>
            {
                using var value = OrtValue.CreateTensorValueFromMemory(x, shape);
                using var output = session.Run(runOptions, inputNames, [value], outputNames);
                return output[1].GetTensorDataAsSpan<float>()[0];
            }),
            Measure("aimaas-v2-fast", rows, seconds, () =>
            {
                var request = OnnxTensorJsonReader.TryRead(body, description, int.MaxValue) ?? throw new InvalidOperationException("The fast reader refused the body.");
                return Respond(model.Run(request.Inputs, request.Outputs), response);
            }),
            Measure("aimaas-v2-jsondocument", rows, seconds, () =>
            {
                using var document = JsonDocument.Parse(body);
                var read = OnnxInferenceRequestReader.Read(document.RootElement, description, int.MaxValue);
                var request = read.IsFailure ? throw new InvalidOperationException(read.Problem.Detail) : read.Value;
                return Respond(model.Run(request.Inputs, request.Outputs), response);
            }),
        };

        // Where the time goes: each step of the fast path alone.
        var parsed = OnnxTensorJsonReader.TryRead(body, description, int.MaxValue)!;
        var ran = model.Run(parsed.Inputs, parsed.Outputs);
        results.Add(Measure("step: fast parse", rows, seconds, () => OnnxTensorJsonReader.TryRead(body, description, int.MaxValue)!.Inputs.Count));
        results.Add(Measure("step: OnnxModel.Run (copies outputs)", rows, seconds, () => model.Run(parsed.Inputs, parsed.Outputs).Count));
        results.Add(Measure("step: serialize response", rows, seconds, () => Respond(ran, response)));
        results.Add(Measure("steps: parse + Run", rows, seconds, () =>
        {
            var request = OnnxTensorJsonReader.TryRead(body, description, int.MaxValue)!;
            return model.Run(request.Inputs, request.Outputs).Count;
        }));
        results.Add(Measure("steps: Run + serialize", rows, seconds, () => Respond(model.Run(parsed.Inputs, parsed.Outputs), response)));

        var json = JsonSerializer.Serialize(new { rows, bodyBytes = body.Length, parameters = (Features * Hidden) + Hidden + (Hidden * Classes) + Classes, results }, Indented);
        File.WriteAllText(options.GetValueOrDefault("out", "onnx.json"), json);
        Console.WriteLine(json);
        return 0;
    }

    /// <summary>Serializes the response as the Functions pipeline does (System.Text.Json, AiMaas's options).</summary>
    private static float Respond(IReadOnlyList<OnnxTensor> outputs, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer);
        JsonSerializer.Serialize(writer, new InferenceResponse("bench", "1", null, outputs.Select(t => new InferenceTensor(t.Name, t.Datatype, t.Shape, t.Data)).ToArray()), AiMaasJson.Options);
        return buffer.WrittenCount;
    }

    private static object Measure(string name, int rows, double seconds, Func<float> pass)
    {
        var sink = 0f;
        for (var i = 0; i < 3; i++)
        {
            sink += pass();
        }

        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 5 || total.Elapsed.TotalSeconds < seconds)
        {
            var start = Stopwatch.GetTimestamp();
            sink += pass();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        var median = times[times.Count / 2];
        Console.Error.WriteLine($"{name}: median {median:F2} ms, best {times[0]:F2} ms over {times.Count} passes ({sink:F0})");
        return new { name, passes = times.Count, medianMs = Math.Round(median, 3), bestMs = Math.Round(times[0], 3), rowsPerSecond = Math.Round(rows / median * 1000) };
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

    private static byte[] Mlp()
    {
        var random = new Random(20261202);
        float[] Weights(int count, double scale) => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() - 0.5) * scale)).ToArray();
        var nodes = new List<byte[]>
        {
            OnnxGraphs.Node("Gemm", ["X", "W1", "B1"], ["H"], attributes: [OnnxGraphs.IntAttribute("transB", 1)]),
            OnnxGraphs.Node("Relu", ["H"], ["R"]),
            OnnxGraphs.Node("Gemm", ["R", "W2", "B2"], ["logits"], attributes: [OnnxGraphs.IntAttribute("transB", 1)]),
            OnnxGraphs.Node("Softmax", ["logits"], ["probabilities"], attributes: [OnnxGraphs.IntAttribute("axis", 1)]),
        };
        var initializers = new List<byte[]>
        {
            OnnxGraphs.Tensor("W1", [Hidden, Features], Weights(Hidden * Features, 0.6)),
            OnnxGraphs.Tensor("B1", [Hidden], Weights(Hidden, 0.2)),
            OnnxGraphs.Tensor("W2", [Classes, Hidden], Weights(Classes * Hidden, 0.3)),
            OnnxGraphs.Tensor("B2", [Classes], Weights(Classes, 0.2)),
        };
        var graph = OnnxGraphs.Graph(
            "bench-mlp",
            nodes,
            initializers,
            [OnnxGraphs.ValueInfo("X", OnnxGraphs.FloatType, ["N", Features])],
            [OnnxGraphs.ValueInfo("logits", OnnxGraphs.FloatType, ["N", Classes]), OnnxGraphs.ValueInfo("probabilities", OnnxGraphs.FloatType, ["N", Classes])]);
        return OnnxGraphs.Model(graph, "aimaas-bench", [("", 13)]);
    }
}
