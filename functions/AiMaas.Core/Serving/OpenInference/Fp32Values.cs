using System.Buffers;
using System.Text.Json;
using AiMaas.Core.Serving.Onnx;

namespace AiMaas.Core.Serving.OpenInference;

/// <summary>
/// Parses a large FP32 tensor's JSON <c>data</c> (flat or nested) straight into a pooled float array while the envelope is
/// read. Anything unexpected (a value that is not a number or null, a count that does not match the shape) gives null and
/// leaves the values to the model's reader, which names the problem.
/// </summary>
internal static class Fp32Values
{
    /// <summary>Below this many values the envelope does not parse: small tensors (one row per feature) are cheap either way.</summary>
    public const int Threshold = 1024;

    /// <summary>The element count of a shape worth parsing in the envelope's pass, or null.</summary>
    public static int? Count(long[] shape)
    {
        var total = 1L;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                return null;
            }

            total *= d;
            if (total > int.MaxValue / 8)
            {
                return null;
            }
        }

        return total >= Threshold ? (int)total : null;
    }

    /// <summary>Reads the array the reader is positioned on to its end, whatever it holds; its values when they are exactly <paramref name="count"/> FP32 values.</summary>
    public static float[]? TryRead(ref Utf8JsonReader reader, int count)
    {
        var values = ArrayPool<float>.Shared.Rent(count);
        var i = 0;
        var depth = 1;
        var valid = true;
        while (depth > 0 && reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    depth++;
                    break;
                case JsonTokenType.EndArray:
                    depth--;
                    break;
                case JsonTokenType.Number when valid && i < count:
                    valid = FloatText.TryParse(reader.ValueSpan, out values[i]) || reader.TryGetSingle(out values[i]);
                    i++;
                    break;
                case JsonTokenType.Null when valid && i < count:
                    values[i++] = float.NaN;
                    break;
                case JsonTokenType.StartObject:
                    valid = false;
                    reader.Skip();
                    break;
                default:
                    valid = false;
                    break;
            }
        }

        if (valid && i == count)
        {
            return values;
        }

        ArrayPool<float>.Shared.Return(values);
        return null;
    }

    public static void Return(float[]? values)
    {
        if (values is not null)
        {
            ArrayPool<float>.Shared.Return(values);
        }
    }
}
