using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Data;
using AiMaas.Core.PredictionLog;
using AiMaas.Core.Serving;
using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Vocabulary;
using Microsoft.Extensions.Options;
using Microsoft.ML.Data;

namespace AiMaas.Core.Tests.PredictionLog;

/// <summary>
/// The log line, byte for byte, against a reference written with nothing but <see cref="Utf8JsonWriter"/>'s general calls
/// (the way the serializer wrote it before its names were pre-encoded and its numbers went through <see cref="ShortFloat"/>).
/// </summary>
[TestClass]
public sealed class PredictionRecordSerializerTests
{
    private const string HmacKey = "0123456789abcdef0123456789abcdef-test-key";

    private static readonly DateTimeOffset s_time = new(2026, 12, 2, 13, 45, 1, 234, TimeSpan.Zero);

    [TestMethod]
    public void Write_EveryTaskAndSetting_WritesTheSameBytesAsTheGeneralWriter()
    {
        var serializer = new PredictionRecordSerializer(Options.Create(new PredictionLogOptions { HmacKey = HmacKey }));
        var random = new Random(12);
        var lines = new LogLines(256);
        var expected = new List<string>();
        var settings = new[]
        {
            new LoggingSettings { Enabled = true },
            new LoggingSettings { Enabled = true, Redact = ["f1", "t"], Redaction = Redaction.Hmac },
            new LoggingSettings { Enabled = true, Redact = ["f0"], Redaction = Redaction.Drop, CaptureOutputs = false },
            new LoggingSettings { Enabled = true, CaptureInputs = false },
        };
        for (var i = 0; i < 400; i++)
        {
            var task = (TaskKind)(i % 3);
            var call = Call(random, task, rows: 1 + (i % 3), resolved: i % 2 == 0, i);
            var captured = new CapturedPrediction(call, settings[i % settings.Length], i % 7 == 0 ? 400 : 200, i % 7 == 0 ? "bad \"row\" é" : null, random.NextDouble() * 10);
            serializer.Write(captured, lines);
            expected.Add(Reference(captured) + "\n");
        }

        var start = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var line = Encoding.UTF8.GetString(lines.Bytes.Span[start..lines.Ends[i]]);
            Assert.AreEqual(expected[i], line, $"record {i}");
            start = lines.Ends[i];
        }

        Assert.AreEqual(expected.Count, lines.Count);
        Assert.AreEqual(lines.Bytes.Length, start);
    }

    [TestMethod]
    public void LogLines_GrowingPastItsBuffer_KeepsEveryLineAndItsEnd()
    {
        var lines = new LogLines(256);
        for (var i = 0; i < 1000; i++)
        {
            var text = Encoding.UTF8.GetBytes(new string((char)('a' + (i % 26)), i % 300));
            text.CopyTo(lines.GetSpan(text.Length));
            lines.Advance(text.Length);
            lines.EndLine();
        }

        var all = Encoding.UTF8.GetString(lines.Bytes.Span).Split('\n');
        Assert.HasCount(1001, all);
        for (var i = 0; i < 1000; i++)
        {
            Assert.AreEqual(new string((char)('a' + (i % 26)), i % 300), all[i]);
        }

        lines.Clear();
        Assert.AreEqual(0, lines.Count);
        Assert.AreEqual(0, lines.Bytes.Length);
    }

    private static PredictionCall Call(Random random, TaskKind task, int rows, bool resolved, int i)
    {
        var schema = TabularDataView.CreateSchema([("f0", NumberDataViewType.Single), ("f1", NumberDataViewType.Single), ("t", TextDataViewType.Instance), ("b", BooleanDataViewType.Instance), ("f\"x", NumberDataViewType.Single)]);
        var f0 = new float[rows];
        var f1 = new float[rows];
        var fx = new float[rows];
        var t = new ReadOnlyMemory<char>[rows];
        var b = new bool[rows];
        for (var r = 0; r < rows; r++)
        {
            f0[r] = Number(random);
            f1[r] = Number(random);
            fx[r] = (r + i) % 5 == 0 ? float.NaN : Number(random);
            t[r] = $"text {r} \"q\" ü".AsMemory();
            b[r] = random.Next(2) == 0;
        }

        var classes = task == TaskKind.Multiclass ? new[] { "setosa", "versi\"color", "virginica" } : null;
        var scored = new ScoredBatch(task, rows, classes);
        for (var r = 0; r < rows; r++)
        {
            if (scored.Scores is { } scores)
            {
                scores[r] = r == 1 ? float.PositiveInfinity : Number(random);
            }

            if (scored.BinaryLabels is { } labels)
            {
                labels[r] = random.Next(2) == 0;
            }

            if (scored.ClassLabels is { } classLabels)
            {
                classLabels[r] = classes![random.Next(3)];
            }
        }

        if (scored.Probabilities is { } probabilities)
        {
            for (var p = 0; p < probabilities.Length; p++)
            {
                probabilities[p] = (float)random.NextDouble();
            }
        }

        var call = new PredictionCall(i % 4 == 0 ? "kserve-v2" : "aimaas", new ModelReference("model-" + (i % 3), resolved ? 1 + (i % 5) : null), RequestIds.New(s_time), s_time.AddTicks(i * 7919), 0);
        call.Scored(new TabularDataView(schema, [f0, f1, t, b, fx], rows), scored);
        return call;
    }

    /// <summary>Any kind of float a request carries: short decimals, full-precision values, tiny, huge, zero.</summary>
    private static float Number(Random random) => random.Next(6) switch
    {
        0 => (float)Math.Round((random.NextDouble() - 0.5) * 100, random.Next(5)),
        1 => (float)(random.NextDouble() - 0.5),
        2 => (float)((random.NextDouble() - 0.5) * 1e-7),
        3 => (float)((random.NextDouble() - 0.5) * 1e12),
        4 => 0f,
        _ => BitConverter.Int32BitsToSingle(random.Next()),
    };

    private static string Reference(CapturedPrediction captured)
    {
        var (call, settings) = (captured.Call, captured.Settings);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("specversion", "1.0");
            json.WriteString("id", call.RequestId);
            json.WriteString("source", "/models/" + call.Reference.Model);
            json.WriteString("type", PredictionRecordSerializer.EventType);
            json.WriteString("time", call.Time.UtcDateTime);
            json.WriteString("datacontenttype", "application/json");
            json.WriteStartObject("data");
            json.WriteString("model", call.Reference.Model);
            if (call.Reference.Version is { } version)
            {
                json.WriteNumber("version", version);
            }
            else
            {
                json.WriteString("alias", call.Reference.EffectiveAlias);
            }

            json.WriteString("protocol", call.Protocol);
            json.WriteNumber("status", captured.Status);
            json.WriteNumber("latencyMs", Math.Round(captured.LatencyMs, 3));
            var inputs = call.Inputs!;
            json.WriteNumber("rows", inputs.RowCount);
            if (settings.CaptureInputs)
            {
                json.WriteStartArray("inputs");
                for (var row = 0; row < inputs.RowCount; row++)
                {
                    json.WriteStartObject();
                    for (var c = 0; c < inputs.Schema.Count; c++)
                    {
                        var name = inputs.Schema[c].Name;
                        var redacted = settings.Redact.Contains(name);
                        if (redacted && settings.Redaction == Redaction.Drop)
                        {
                            continue;
                        }

                        json.WritePropertyName(name);
                        switch (inputs.Columns[c])
                        {
                            case float[] numbers when !float.IsFinite(numbers[row]):
                                json.WriteNullValue();
                                break;
                            case float[] numbers when redacted:
                                json.WriteStringValue(Hmac(numbers[row].ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
                                break;
                            case float[] numbers:
                                json.WriteNumberValue(numbers[row]);
                                break;
                            case ReadOnlyMemory<char>[] texts:
                                json.WriteStringValue(redacted ? Hmac(texts[row].ToString()) : texts[row].ToString());
                                break;
                            case bool[] flags when redacted:
                                json.WriteStringValue(Hmac(flags[row] ? "true" : "false"));
                                break;
                            case bool[] flags:
                                json.WriteBooleanValue(flags[row]);
                                break;
                        }
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (settings.CaptureOutputs)
            {
                var outputs = call.Outputs!;
                json.WriteStartArray("outputs");
                for (var row = 0; row < outputs.Rows; row++)
                {
                    json.WriteStartObject();
                    switch (outputs.Task)
                    {
                        case TaskKind.Regression:
                            Number(json, "score", outputs.Scores![row]);
                            break;
                        case TaskKind.Binary:
                            json.WriteBoolean("label", outputs.BinaryLabels![row]);
                            Number(json, "probability", outputs.Probabilities![row]);
                            Number(json, "score", outputs.Scores![row]);
                            break;
                        default:
                            json.WriteString("label", outputs.ClassLabels![row]);
                            json.WriteStartObject("probabilities");
                            for (var k = 0; k < outputs.ClassCount; k++)
                            {
                                Number(json, outputs.Classes[k], outputs.Probabilities![(row * outputs.ClassCount) + k]);
                            }

                            json.WriteEndObject();
                            break;
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            if (captured.Error is { } error)
            {
                json.WriteString("error", error);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Number(Utf8JsonWriter json, string name, float value)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Hmac(string value) =>
        "hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HmacKey), Encoding.UTF8.GetBytes(value)));
}
