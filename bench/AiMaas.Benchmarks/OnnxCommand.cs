using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Registry;
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
        var (binaryBody, headerLength) = BinaryBody(x, rows, binaryOutputs: true);
        var (binaryInJsonOut, jsonOutHeaderLength) = BinaryBody(x, rows, binaryOutputs: false);
        string[] inputNames = ["X"];
        string[] outputNames = ["logits", "probabilities"];
        long[] shape = [rows, Features];
        using var runOptions = new RunOptions();

        // Each AiMaas pass is the V2 ONNX path of OpenInferenceService from the body's bytes (already read, as RequestBody
        // holds them) to the response's bytes: the envelope, the tensors bound to the graph, one Run, the response written.
        var results = new List<object>
        {
            Measure("ort-run", rows, seconds, () =>
            {
                using var value = OrtValue.CreateTensorValueFromMemory(x, shape);
                using var output = session.Run(runOptions, inputNames, [value], outputNames);
                return output[1].GetTensorDataAsSpan<float>()[0];
            }),
            Measure("aimaas-v2-json", rows, seconds, () => Infer(model, body, headerLength: null)),
            Measure("aimaas-v2-binary", rows, seconds, () => Infer(model, binaryBody, headerLength)),
            Measure("aimaas-v2-binary-in-json-out", rows, seconds, () => Infer(model, binaryInJsonOut, jsonOutHeaderLength)),
            Measure("ort-run (again, after the AiMaas passes)", rows, seconds, () =>
            {
                using var value = OrtValue.CreateTensorValueFromMemory(x, shape);
                using var output = session.Run(runOptions, inputNames, [value], outputNames);
                return output[1].GetTensorDataAsSpan<float>()[0];
            }),
        };

        // Where the time of the JSON path goes: each step alone.
        using var parsed = Bind(model, body, headerLength: null);
        results.Add(Measure("step: JSON envelope + tensor parse", rows, seconds, () =>
        {
            using var request = Bind(model, body, headerLength: null);
            return request.Request.Inputs.Count;
        }));
        results.Add(Measure("step: binary envelope + one copy", rows, seconds, () =>
        {
            using var request = Bind(model, binaryBody, headerLength);
            return request.Request.Inputs.Count;
        }));
        results.Add(Measure("step: OnnxModel.Execute (one Run, outputs left in ONNX Runtime)", rows, seconds, () =>
        {
            using var run = model.Execute(parsed.Request.Inputs, outputNames);
            return run.Names.Count;
        }));
        using (var run = model.Execute(parsed.Request.Inputs, outputNames))
        {
            results.Add(Measure("step: write the JSON response (60,000 floats)", rows, seconds, () =>
            {
                using var response = OnnxResponseWriter.Write("bench", "1", null, run, new HashSet<string>());
                return response.Body.Length;
            }));
            results.Add(Measure("step: write the binary response", rows, seconds, () =>
            {
                using var response = OnnxResponseWriter.Write("bench", "1", null, run, outputNames.ToHashSet());
                return response.Body.Length;
            }));
        }

        var json = JsonSerializer.Serialize(new { rows, bodyBytes = body.Length, binaryBodyBytes = binaryBody.Length, parameters = (Features * Hidden) + Hidden + (Hidden * Classes) + Classes, results }, Indented);
        File.WriteAllText(options.GetValueOrDefault("out", "onnx.json"), json);
        Console.WriteLine(json);
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

    private static object Measure(string name, int rows, double seconds, Func<float> pass)
    {
        var sink = 0f;
        for (var i = 0; i < 3; i++)
        {
            sink += pass();
        }

        var times = new List<double>();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var total = Stopwatch.StartNew();
        while (times.Count < 5 || total.Elapsed.TotalSeconds < seconds)
        {
            var start = Stopwatch.GetTimestamp();
            sink += pass();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var bytesPerPass = (GC.GetAllocatedBytesForCurrentThread() - allocated) / times.Count;
        times.Sort();
        var median = times[times.Count / 2];
        Console.Error.WriteLine($"{name}: median {median:F3} ms, best {times[0]:F3} ms over {times.Count} passes, {bytesPerPass} B allocated a pass ({sink:F0})");
        return new { name, passes = times.Count, medianMs = Math.Round(median, 3), bestMs = Math.Round(times[0], 3), rowsPerSecond = Math.Round(rows / median * 1000), allocatedBytesPerPass = bytesPerPass };
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
