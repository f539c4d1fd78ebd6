using System.Text.Json;
using AiMaas.Core.Registry;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// The fast path of an ONNX V2 infer body: reads it once with a <see cref="Utf8JsonReader"/> straight from its UTF-8 bytes,
/// each tensor's <c>data</c> (flat or nested) parsed into an array of the input's type, with no document or element objects
/// in between. It only accepts what <see cref="OnnxInferenceRequestReader"/> would accept, and answers null for anything
/// else (a wrong shape or type, a field out of order, malformed JSON), so that the caller re-reads the body the slow way
/// for the problem's message.
/// </summary>
public static class OnnxTensorJsonReader
{
    public static OnnxInferenceRequest? TryRead(ReadOnlySpan<byte> body, OnnxDescription graph, int maxRows)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            return ReadRequest(ref reader, graph, maxRows);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static OnnxInferenceRequest? ReadRequest(ref Utf8JsonReader reader, OnnxDescription graph, int maxRows)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? id = null;
        List<string>? outputs = null;
        var tensors = new OnnxTensor?[graph.Inputs.Count];
        var sawInputs = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("inputs"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !ReadInputs(ref reader, graph, maxRows, tensors))
                {
                    return null;
                }

                sawInputs = true;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                id = reader.GetString();
            }
            else if (reader.ValueTextEquals("outputs"u8))
            {
                if (!reader.Read())
                {
                    return null;
                }

                if (reader.TokenType != JsonTokenType.Null && (outputs = ReadOutputs(ref reader, graph)) is null)
                {
                    return null;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || !sawInputs || tensors.Any(t => t is null))
        {
            return null;
        }

        return new OnnxInferenceRequest(tensors!, id, outputs);
    }

    private static bool ReadInputs(ref Utf8JsonReader reader, OnnxDescription graph, int maxRows, OnnxTensor?[] tensors)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (ReadTensor(ref reader, graph, maxRows) is not { } tensor)
            {
                return false;
            }

            var index = IndexOf(graph.Inputs, tensor.Name);
            if (tensors[index] is not null)
            {
                return false;
            }

            tensors[index] = tensor;
        }

        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>One input tensor, its name, datatype and shape before its data (the order clients write them in).</summary>
    private static OnnxTensor? ReadTensor(ref Utf8JsonReader reader, OnnxDescription graph, int maxRows)
    {
        OnnxTensorInfo? expected = null;
        string? datatype = null;
        long[]? shape = null;
        Array? data = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                var name = reader.GetString();
                expected = graph.Inputs.FirstOrDefault(i => i.Name == name);
                if (expected is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("datatype"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                datatype = reader.GetString();
            }
            else if (reader.ValueTextEquals("shape"u8))
            {
                if (!reader.Read() || (shape = ReadShape(ref reader)) is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                if (expected is null || datatype != expected.Datatype || shape is null || !Fits(shape, expected, maxRows, out var length)
                    || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    return null;
                }

                data = ReadData(ref reader, datatype, length);
                if (data is null)
                {
                    return null;
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && expected is not null && data is not null
            ? new OnnxTensor(expected.Name, datatype!, shape!, data)
            : null;
    }

    private static long[]? ReadShape(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        Span<long> dims = stackalloc long[16];
        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.Number)
        {
            if (count == dims.Length || !reader.TryGetInt64(out var size) || size < 0)
            {
                return null;
            }

            dims[count++] = size;
        }

        return reader.TokenType == JsonTokenType.EndArray ? dims[..count].ToArray() : null;
    }

    private static bool Fits(long[] shape, OnnxTensorInfo expected, int maxRows, out int length)
    {
        length = 0;
        if (shape.Length != expected.Shape.Count || (shape.Length > 0 && shape[0] > maxRows))
        {
            return false;
        }

        var total = 1L;
        for (var i = 0; i < shape.Length; i++)
        {
            if (expected.Shape[i] >= 0 && expected.Shape[i] != shape[i])
            {
                return false;
            }

            total *= shape[i];
            if (total > int.MaxValue / 8)
            {
                return false;
            }
        }

        length = (int)total;
        return true;
    }

    /// <summary>Exactly <paramref name="length"/> values, at any nesting; null on a value of the wrong type or count.</summary>
    private static Array? ReadData(ref Utf8JsonReader reader, string datatype, int length)
    {
        var array = OnnxTypes.Allocate(datatype, length);
        var count = 0;
        var depth = 1;
        while (depth > 0 && reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    depth++;
                    continue;
                case JsonTokenType.EndArray:
                    depth--;
                    continue;
            }

            if (count == length || !Assign(ref reader, array, count++))
            {
                return null;
            }
        }

        return depth == 0 && count == length ? array : null;
    }

    private static bool Assign(ref Utf8JsonReader reader, Array array, int i)
    {
        var token = reader.TokenType;
        switch (array)
        {
            case float[] v when token == JsonTokenType.Number && reader.TryGetSingle(out var f):
                v[i] = f;
                return true;
            case float[] v when token == JsonTokenType.Null:
                v[i] = float.NaN;
                return true;
            case double[] v when token == JsonTokenType.Number && reader.TryGetDouble(out var d):
                v[i] = d;
                return true;
            case double[] v when token == JsonTokenType.Null:
                v[i] = double.NaN;
                return true;
            case long[] v when token == JsonTokenType.Number && reader.TryGetInt64(out var l):
                v[i] = l;
                return true;
            case int[] v when token == JsonTokenType.Number && reader.TryGetInt32(out var n):
                v[i] = n;
                return true;
            case bool[] v when token is JsonTokenType.True or JsonTokenType.False:
                v[i] = reader.GetBoolean();
                return true;
            case string[] v when token == JsonTokenType.String:
                v[i] = reader.GetString()!;
                return true;
            default:
                return false;
        }
    }

    private static List<string>? ReadOutputs(ref Utf8JsonReader reader, OnnxDescription graph)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var names = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? name = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return null;
                    }

                    name = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            if (name is null || graph.Outputs.All(o => o.Name != name))
            {
                return null;
            }

            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return reader.TokenType == JsonTokenType.EndArray ? names : null;
    }

    private static int IndexOf(IReadOnlyList<OnnxTensorInfo> inputs, string name)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
