using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Data;
using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Serving;
using Microsoft.Extensions.Options;
using Microsoft.ML;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Writes a prediction as one CloudEvents 1.0 JSON line (structured mode), request and response in one record. Redacted
/// features are dropped or replaced by their HMAC here, before the line exists, so their values never reach storage.
/// Called by the flusher in the background, one record after another.
/// </summary>
public sealed class PredictionRecordSerializer(IOptions<PredictionLogOptions> options)
{
    public const string EventType = "com.aimaas.prediction.v1";
    public const string UnresolvedVersion = "unresolved";

    private const string HmacPrefix = "hmac-sha256:";

    // Per thread: a record is written start to finish on one thread, and these are not worth allocating per record.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    // Feature names encoded once per loaded model's input schema.
    private readonly ConditionalWeakTable<DataViewSchema, JsonEncodedText[]> _names = [];

    // The partition of each model and version's latest hour, so that a flush formats the date once per hour, not per record.
    private readonly ConcurrentDictionary<(string Model, int? Version), (long Hour, string Partition)> _partitions = new();

    private readonly byte[]? _hmacKey = options.Value.HmacKey is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : null;

    public bool CanHmac => _hmacKey is not null;

    public static string Partition(string model, string version, DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}/{version}/{time.UtcDateTime:yyyy'/'MM'/'dd'/'HH}");

    public PendingRecord Serialize(CapturedPrediction captured) =>
        Serialize(captured.Call, captured.Settings, captured.Status, captured.Error, captured.LatencyMs);

    public PendingRecord Serialize(PredictionCall call, LoggingSettings settings, int status, string? error, double latencyMs)
    {
        var version = call.Model?.Manifest.Version ?? call.Reference.Version;
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        {
            json.WriteStartObject();
            json.WriteString("specversion", "1.0");
            json.WriteString("id", call.RequestId);
            json.WriteString("source", "/models/" + call.Reference.Model);
            json.WriteString("type", EventType);
            json.WriteString("time", call.Time.UtcDateTime);
            json.WriteString("datacontenttype", "application/json");
            json.WriteStartObject("data");
            json.WriteString("model", call.Reference.Model);
            if (version is { } v)
            {
                json.WriteNumber("version", v);
            }

            if (call.Reference.Version is null)
            {
                json.WriteString("alias", call.Reference.EffectiveAlias);
            }

            json.WriteString("protocol", call.Protocol);
            json.WriteNumber("status", status);
            json.WriteNumber("latencyMs", Math.Round(latencyMs, 3));
            if (call.Inputs is { } inputs)
            {
                json.WriteNumber("rows", inputs.RowCount);
                if (settings.CaptureInputs)
                {
                    WriteInputs(json, inputs, settings);
                }
            }

            if (call.Outputs is { } outputs && settings.CaptureOutputs)
            {
                WriteOutputs(json, outputs);
            }

            if (error is not null)
            {
                json.WriteString("error", error);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.Flush();
        }

        buffer.Write("\n"u8);
        return new PendingRecord(PartitionOf(call.Reference.Model, version, call.Time), buffer.WrittenSpan.ToArray(), settings.Compression);
    }

    private string PartitionOf(string model, int? version, DateTimeOffset time)
    {
        var hour = time.UtcTicks / TimeSpan.TicksPerHour;
        if (_partitions.TryGetValue((model, version), out var known) && known.Hour == hour)
        {
            return known.Partition;
        }

        var partition = Partition(model, version?.ToString(CultureInfo.InvariantCulture) ?? UnresolvedVersion, time);
        _partitions[(model, version)] = (hour, partition);
        return partition;
    }

    private void WriteInputs(Utf8JsonWriter json, TabularDataView inputs, LoggingSettings settings)
    {
        var schema = inputs.Schema;
        var names = _names.GetValue(schema, s => s.Select(c => JsonEncodedText.Encode(c.Name)).ToArray());
        var redacted = new bool[schema.Count];
        for (var c = 0; c < schema.Count && settings.Redact.Count > 0; c++)
        {
            redacted[c] = settings.Redact.Contains(schema[c].Name, StringComparer.Ordinal);
        }

        json.WriteStartArray("inputs");
        for (var row = 0; row < inputs.RowCount; row++)
        {
            json.WriteStartObject();
            for (var c = 0; c < schema.Count; c++)
            {
                if (redacted[c] && settings.Redaction == Redaction.Drop)
                {
                    continue;
                }

                json.WritePropertyName(names[c]);
                WriteValue(json, inputs.Columns[c], row, redacted[c]);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private void WriteValue(Utf8JsonWriter json, Array column, int row, bool hmac)
    {
        switch (column)
        {
            case float[] numbers when !float.IsFinite(numbers[row]):
                json.WriteNullValue();
                break;
            case float[] numbers when hmac:
                json.WriteStringValue(Hmac(numbers[row].ToString("R", CultureInfo.InvariantCulture)));
                break;
            case float[] numbers:
                json.WriteNumberValue(numbers[row]);
                break;
            case ReadOnlyMemory<char>[] texts when hmac:
                json.WriteStringValue(Hmac(texts[row].ToString()));
                break;
            case ReadOnlyMemory<char>[] texts:
                json.WriteStringValue(texts[row].Span);
                break;
            case bool[] flags when hmac:
                json.WriteStringValue(Hmac(flags[row] ? "true" : "false"));
                break;
            case bool[] flags:
                json.WriteBooleanValue(flags[row]);
                break;
            default:
                json.WriteNullValue();
                break;
        }
    }

    private string Hmac(string value)
    {
        // Settings that ask for an HMAC are refused without a key; a key removed later writes a placeholder, never the value.
        if (_hmacKey is null)
        {
            return HmacPrefix + "unavailable";
        }

        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_hmacKey, Encoding.UTF8.GetBytes(value), hash);
        return HmacPrefix + Convert.ToHexStringLower(hash);
    }

    private static void WriteOutputs(Utf8JsonWriter json, ScoredBatch outputs)
    {
        json.WriteStartArray("outputs");
        for (var row = 0; row < outputs.Rows; row++)
        {
            json.WriteStartObject();
            switch (outputs.Task)
            {
                case TaskKind.Regression:
                    WriteNumber(json, "score", outputs.Scores![row]);
                    break;
                case TaskKind.Binary:
                    json.WriteBoolean("label", outputs.BinaryLabels![row]);
                    WriteNumber(json, "probability", outputs.Probabilities![row]);
                    WriteNumber(json, "score", outputs.Scores![row]);
                    break;
                default:
                    json.WriteString("label", outputs.ClassLabels![row]);
                    json.WriteStartObject("probabilities");
                    for (var i = 0; i < outputs.ClassCount; i++)
                    {
                        WriteNumber(json, outputs.Classes[i], outputs.Probabilities![(row * outputs.ClassCount) + i]);
                    }

                    json.WriteEndObject();
                    break;
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, float value)
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
}
