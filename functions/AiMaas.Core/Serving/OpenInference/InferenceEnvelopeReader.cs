using System.Text;
using System.Text.Json;

namespace AiMaas.Core.Serving.OpenInference;

/// <summary>
/// The one reader of the Open Inference <c>$inference_request</c> envelope, for every model format: one
/// <see cref="Utf8JsonReader"/> pass over the body's bytes that keeps each tensor's <c>data</c> as a slice of them (its
/// values are parsed by the model's own reader, straight into the arrays it needs). With the binary tensor data extension
/// (<c>Inference-Header-Content-Length</c>), the JSON header is followed by the inputs' raw bytes, in the order of the
/// inputs that carry <c>"parameters": {"binary_data_size": N}</c>.
/// </summary>
public static class InferenceEnvelopeReader
{
    public const string HeaderLengthHeader = "Inference-Header-Content-Length";

    private const string OutputsShape = "expected an array of {\"name\": string}";

    /// <param name="body">The whole request body.</param>
    /// <param name="headerLength">The <c>Inference-Header-Content-Length</c> header when the request has one.</param>
    public static Result<InferenceEnvelope> Read(ReadOnlyMemory<byte> body, long? headerLength)
    {
        var split = Split(body, headerLength);
        if (split.Failed(out var splitProblem))
        {
            return splitProblem;
        }

        var (json, binary) = split.Value;
        try
        {
            var reader = new Utf8JsonReader(json.Span);
            var read = ReadRoot(ref reader, json, out var envelope, out var sizes);
            var attached = read ?? AttachBinary(envelope, sizes, binary, headerLength is not null);
            if (attached.IsFailure)
            {
                envelope.Dispose();
            }

            return attached;
        }
        catch (JsonException ex)
        {
            return Problem.Invalid("body", $"malformed JSON: {ex.Message}");
        }
    }

    private static Result<(ReadOnlyMemory<byte> Json, ReadOnlyMemory<byte> Binary)> Split(ReadOnlyMemory<byte> body, long? headerLength)
    {
        if (headerLength is not { } length)
        {
            return (body, ReadOnlyMemory<byte>.Empty);
        }

        if (length <= 0 || length > body.Length)
        {
            return Problem.Invalid(HeaderLengthHeader, $"{length} is not a length within the body's {body.Length} bytes; it gives the length of the JSON header that precedes the binary tensor data");
        }

        return (body[..(int)length], body[(int)length..]);
    }

    private static Problem? ReadRoot(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, out InferenceEnvelope envelope, out List<long?> sizes)
    {
        envelope = new InferenceEnvelope(null, null, null, false);
        sizes = [];
        if (!reader.Read())
        {
            return Problem.Invalid("body", "malformed JSON: the body is empty");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            reader.Read();
            return null;
        }

        string? id = null;
        List<EnvelopeTensor>? inputs = null;
        List<RequestedOutput>? outputs = null;
        var binaryOutputs = false;
        Problem? problem = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("inputs"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    inputs = [];
                    var read = ReadInputs(ref reader, json, inputs, sizes);
                    problem ??= read;
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    id = reader.GetString();
                }
                else
                {
                    problem ??= Problem.Invalid("id", "expected a string");
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("outputs"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Null)
                {
                    outputs = [];
                    var read = ReadOutputs(ref reader, outputs);
                    problem ??= read;
                }
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                reader.Read();
                var parameters = ReadParameters(ref reader, "parameters", "binary_data_output"u8, out var flag);
                problem ??= parameters;
                binaryOutputs = flag ?? false;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Reading on past the root object makes the reader refuse trailing content.
        reader.Read();
        envelope = new InferenceEnvelope(id, inputs, outputs, binaryOutputs);
        return problem;
    }

    private static Problem? ReadInputs(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, List<EnvelopeTensor> inputs, List<long?> sizes)
    {
        Problem? problem = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                inputs.Add(EnvelopeTensor.Malformed);
                sizes.Add(null);
                continue;
            }

            var field = $"inputs[{inputs.Count}]";
            string? name = null;
            string? datatype = null;
            long[]? shape = null;
            string? shapeText = null;
            ReadOnlyMemory<byte>? data = null;
            float[]? parsed = null;
            long? binarySize = null;
            var wellFormed = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    wellFormed &= name is not null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("datatype"u8))
                {
                    reader.Read();
                    datatype = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    wellFormed &= datatype is not null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("shape"u8))
                {
                    reader.Read();
                    wellFormed &= ReadShape(ref reader, out shape, out shapeText);
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        var start = (int)reader.TokenStartIndex;
                        if (datatype == "FP32" && shape is not null && Fp32Values.Count(shape) is { } count)
                        {
                            // A large FP32 tensor whose header came first is parsed in this same pass (no second tokenization).
                            parsed = Fp32Values.TryRead(ref reader, count);
                        }
                        else
                        {
                            reader.Skip();
                        }

                        data = json[start..(int)reader.BytesConsumed];
                    }
                    else
                    {
                        wellFormed = false;
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("parameters"u8))
                {
                    reader.Read();
                    var parameters = ReadSize(ref reader, field, out binarySize);
                    problem ??= parameters;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (data is not null && binarySize is not null)
            {
                problem ??= Problem.Invalid(field, "has both data and parameters.binary_data_size; send the tensor's values in one of them");
            }

            wellFormed &= name is not null && datatype is not null && shape is not null && (data is not null || binarySize is not null);
            if (!wellFormed || datatype != "FP32" || binarySize is not null)
            {
                Fp32Values.Return(parsed);
                parsed = null;
            }

            inputs.Add(wellFormed
                ? new EnvelopeTensor(true, name!, datatype!, shape!, shapeText!, data ?? default, default, binarySize is not null) { Fp32 = parsed }
                : EnvelopeTensor.Malformed);
            sizes.Add(binarySize);
        }

        return problem;
    }

    private static bool ReadShape(ref Utf8JsonReader reader, out long[]? shape, out string? text)
    {
        shape = null;
        text = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }

        var dimensions = new List<long>(4);
        var texts = new List<string>(4);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    dimensions.Add(reader.TryGetInt64(out var size) && size >= 0 ? size : -1);
                    texts.Add(Encoding.UTF8.GetString(reader.ValueSpan));
                    break;
                case JsonTokenType.String:
                    dimensions.Add(-1);
                    texts.Add($"\"{reader.GetString()}\"");
                    break;
                default:
                    dimensions.Add(-1);
                    texts.Add(reader.TokenType.ToString().ToLowerInvariant());
                    reader.Skip();
                    break;
            }
        }

        shape = [.. dimensions];
        text = $"[{string.Join(", ", texts)}]";
        return true;
    }

    private static Problem? ReadSize(ref Utf8JsonReader reader, string field, out long? size)
    {
        size = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return Problem.Invalid($"{field}.parameters", "expected an object");
        }

        Problem? problem = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSize = reader.ValueTextEquals("binary_data_size"u8);
            reader.Read();
            if (!isSize)
            {
                reader.Skip();
            }
            else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var bytes) && bytes >= 0)
            {
                size = bytes;
            }
            else
            {
                problem ??= Problem.Invalid($"{field}.parameters.binary_data_size", "expected a non-negative integer (the tensor's bytes in the binary data)");
                reader.Skip();
            }
        }

        return problem;
    }

    /// <summary>A <c>parameters</c> object with one boolean of interest (<paramref name="flag"/>); other parameters are ignored.</summary>
    private static Problem? ReadParameters(ref Utf8JsonReader reader, string field, ReadOnlySpan<byte> flag, out bool? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return Problem.Invalid(field, "expected an object");
        }

        Problem? problem = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFlag = reader.ValueTextEquals(flag);
            var name = isFlag ? reader.GetString() : null;
            reader.Read();
            if (!isFlag)
            {
                reader.Skip();
            }
            else if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
            {
                value = reader.GetBoolean();
            }
            else
            {
                problem ??= Problem.Invalid($"{field}.{name}", "expected true or false");
                reader.Skip();
            }
        }

        return problem;
    }

    private static Problem? ReadOutputs(ref Utf8JsonReader reader, List<RequestedOutput> outputs)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return Problem.Invalid("outputs", OutputsShape);
        }

        Problem? problem = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                problem ??= Problem.Invalid("outputs", OutputsShape);
                continue;
            }

            string? name = null;
            bool? binary = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("parameters"u8))
                {
                    reader.Read();
                    var parameters = ReadParameters(ref reader, $"outputs[{outputs.Count}].parameters", "binary_data"u8, out binary);
                    problem ??= parameters;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (name is null)
            {
                problem ??= Problem.Invalid("outputs", OutputsShape);
            }
            else if (outputs.All(o => o.Name != name))
            {
                outputs.Add(new RequestedOutput(name, binary));
            }
        }

        return problem;
    }

    private static Result<InferenceEnvelope> AttachBinary(InferenceEnvelope envelope, List<long?> sizes, ReadOnlyMemory<byte> binary, bool framed)
    {
        if (envelope.Inputs is not { } inputs || sizes.All(s => s is null))
        {
            return binary.IsEmpty
                ? envelope
                : Problem.Invalid(HeaderLengthHeader, $"{binary.Length} bytes follow the JSON header, but no input has parameters.binary_data_size");
        }

        if (!framed)
        {
            return Problem.Invalid(HeaderLengthHeader, "an input has parameters.binary_data_size, so the request needs this header: the length of the JSON header that precedes the binary tensor data");
        }

        var total = sizes.Sum(s => s ?? 0);
        if (total != binary.Length)
        {
            return Problem.Invalid(HeaderLengthHeader, $"{binary.Length} bytes of binary data follow the JSON header; the inputs' binary_data_size add up to {total}");
        }

        var attached = new EnvelopeTensor[inputs.Count];
        var offset = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            attached[i] = inputs[i];
            if (sizes[i] is { } size)
            {
                if (inputs[i].IsWellFormed)
                {
                    attached[i] = inputs[i] with { Binary = binary.Slice(offset, (int)size) };
                }

                offset += (int)size;
            }
        }

        return envelope with { Inputs = attached };
    }
}
