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
/// Called by the buffer as a request adds its record, into the thread's one-line <see cref="LogLines"/>.
/// Property names and the envelope's constant values are encoded once; numbers go through <see cref="ShortFloat"/>, which
/// writes the same text as <see cref="Utf8JsonWriter"/> at a fraction of the cost.
/// </summary>
public sealed class PredictionRecordSerializer(IOptions<PredictionLogOptions> options)
{
    public const string EventType = "com.aimaas.prediction.v1";
    public const string UnresolvedVersion = "unresolved";

    private const string HmacPrefix = "hmac-sha256:";

    // Past this many models the cache of their encoded names starts again, so that it cannot grow without bound.
    private const int MaxCachedModels = 10_000;

    private static readonly JsonEncodedText s_specVersion = JsonEncodedText.Encode("specversion");
    private static readonly JsonEncodedText s_specVersionValue = JsonEncodedText.Encode("1.0");
    private static readonly JsonEncodedText s_id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText s_source = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText s_type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText s_typeValue = JsonEncodedText.Encode(EventType);
    private static readonly JsonEncodedText s_time = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText s_dataContentType = JsonEncodedText.Encode("datacontenttype");
    private static readonly JsonEncodedText s_json = JsonEncodedText.Encode("application/json");
    private static readonly JsonEncodedText s_data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText s_model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText s_version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText s_alias = JsonEncodedText.Encode("alias");
    private static readonly JsonEncodedText s_protocol = JsonEncodedText.Encode("protocol");
    private static readonly JsonEncodedText s_status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText s_latencyMs = JsonEncodedText.Encode("latencyMs");
    private static readonly JsonEncodedText s_rows = JsonEncodedText.Encode("rows");
    private static readonly JsonEncodedText s_inputs = JsonEncodedText.Encode("inputs");
    private static readonly JsonEncodedText s_outputs = JsonEncodedText.Encode("outputs");
    private static readonly JsonEncodedText s_error = JsonEncodedText.Encode("error");
    private static readonly JsonEncodedText s_score = JsonEncodedText.Encode("score");
    private static readonly JsonEncodedText s_label = JsonEncodedText.Encode("label");
    private static readonly JsonEncodedText s_probability = JsonEncodedText.Encode("probability");
    private static readonly JsonEncodedText s_probabilities = JsonEncodedText.Encode("probabilities");

    // Per thread: a record is written start to finish on one thread, and this is not worth allocating per record.
    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    // Feature names encoded once per loaded model's input schema.
    private readonly ConditionalWeakTable<DataViewSchema, JsonEncodedText[]> _names = [];

    // A model's name and source ("/models/{model}") encoded once, not per record.
    private readonly ConcurrentDictionary<string, (JsonEncodedText Model, JsonEncodedText Source)> _models = new(StringComparer.Ordinal);

    // The partition of each model and version's latest hour, so that a flush formats the date once per hour, not per record.
    private readonly ConcurrentDictionary<(string Model, int? Version), (long Hour, string Partition)> _partitions = new();

    private readonly byte[]? _hmacKey = options.Value.HmacKey is { Length: > 0 } key ? Encoding.UTF8.GetBytes(key) : null;

    public bool CanHmac => _hmacKey is not null;

    public static string Partition(string model, string version, DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}/{version}/{time.UtcDateTime:yyyy'/'MM'/'dd'/'HH}");

    /// <summary>The partition the record belongs to: <c>{model}/{version}/{yyyy}/{MM}/{dd}/{HH}</c>.</summary>
    public string PartitionOf(CapturedPrediction captured) =>
        PartitionOf(captured.Call.Reference.Model, VersionOf(captured.Call), captured.Call.Time);

    /// <summary>Writes the record's line, newline included, at the end of <paramref name="lines"/>.</summary>
    public void Write(CapturedPrediction captured, LogLines lines)
    {
        Write(captured.Call, captured.Settings, captured.Status, captured.Error, captured.LatencyMs, lines);
        lines.EndLine();
    }

    private void Write(PredictionCall call, LoggingSettings settings, int status, string? error, double latencyMs, IBufferWriter<byte> output)
    {
        var version = VersionOf(call);
        var names = ModelNames(call.Reference.Model);
        var json = t_json ??= new Utf8JsonWriter(output);
        json.Reset(output);
        json.WriteStartObject();
        json.WriteString(s_specVersion, s_specVersionValue);
        json.WriteString(s_id, call.RequestId);
        json.WriteString(s_source, names.Source);
        json.WriteString(s_type, s_typeValue);
        json.WriteString(s_time, call.Time.UtcDateTime);
        json.WriteString(s_dataContentType, s_json);
        json.WriteStartObject(s_data);
        json.WriteString(s_model, names.Model);
        if (version is { } v)
        {
            json.WriteNumber(s_version, v);
        }

        if (call.Reference.Version is null)
        {
            json.WriteString(s_alias, call.Reference.EffectiveAlias);
        }

        json.WriteString(s_protocol, call.Protocol);
        json.WriteNumber(s_status, status);
        json.WriteNumber(s_latencyMs, Math.Round(latencyMs, 3));
        if (call.Inputs is { } inputs)
        {
            json.WriteNumber(s_rows, inputs.RowCount);
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
            json.WriteString(s_error, error);
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
    }

    private static int? VersionOf(PredictionCall call) => call.Model?.Manifest.Version ?? call.Reference.Version;

    private (JsonEncodedText Model, JsonEncodedText Source) ModelNames(string model)
    {
        if (_models.TryGetValue(model, out var names))
        {
            return names;
        }

        if (_models.Count >= MaxCachedModels)
        {
            _models.Clear();
        }

        return _models[model] = (JsonEncodedText.Encode(model), JsonEncodedText.Encode("/models/" + model));
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
        // Which features are redacted, worked out only when some are (most models log everything).
        var redacted = settings.Redact.Count > 0 ? new bool[schema.Count] : null;
        for (var c = 0; redacted is not null && c < schema.Count; c++)
        {
            redacted[c] = settings.Redact.Contains(schema[c].Name, StringComparer.Ordinal);
        }

        json.WriteStartArray(s_inputs);
        for (var row = 0; row < inputs.RowCount; row++)
        {
            json.WriteStartObject();
            for (var c = 0; c < schema.Count; c++)
            {
                var hidden = redacted is not null && redacted[c];
                if (hidden && settings.Redaction == Redaction.Drop)
                {
                    continue;
                }

                json.WritePropertyName(names[c]);
                WriteValue(json, inputs.Columns[c], row, hidden);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private void WriteValue(Utf8JsonWriter json, Array column, int row, bool hmac)
    {
        switch (column)
        {
            case float[] numbers when hmac && float.IsFinite(numbers[row]):
                json.WriteStringValue(Hmac(numbers[row].ToString("R", CultureInfo.InvariantCulture)));
                break;
            case float[] numbers:
                WriteNumberValue(json, numbers[row]);
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
        json.WriteStartArray(s_outputs);
        for (var row = 0; row < outputs.Rows; row++)
        {
            json.WriteStartObject();
            switch (outputs.Task)
            {
                case TaskKind.Regression:
                    WriteNumber(json, s_score, outputs.Scores![row]);
                    break;
                case TaskKind.Binary:
                    json.WriteBoolean(s_label, outputs.BinaryLabels![row]);
                    WriteNumber(json, s_probability, outputs.Probabilities![row]);
                    WriteNumber(json, s_score, outputs.Scores![row]);
                    break;
                default:
                    json.WriteString(s_label, outputs.ClassLabels![row]);
                    json.WriteStartObject(s_probabilities);
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

    private static void WriteNumber(Utf8JsonWriter json, JsonEncodedText name, float value)
    {
        json.WritePropertyName(name);
        WriteNumberValue(json, value);
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, float value)
    {
        json.WritePropertyName(name);
        WriteNumberValue(json, value);
    }

    /// <summary>A finite number as the writer would write it (through <see cref="ShortFloat"/> when it can), else null.</summary>
    private static void WriteNumberValue(Utf8JsonWriter json, float value)
    {
        Span<byte> text = stackalloc byte[ShortFloat.MaxLength];
        if (ShortFloat.TryWrite(value, text, out var length))
        {
            json.WriteRawValue(text[..length], skipInputValidation: true);
        }
        else if (float.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
