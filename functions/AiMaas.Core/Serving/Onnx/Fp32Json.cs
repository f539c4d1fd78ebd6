using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// A large FP32 tensor's JSON <c>data</c> array formatted on several cores at once: consecutive ranges are formatted into
/// pooled buffers in parallel, then joined and written as one raw value. Each number is the text
/// <see cref="Utf8JsonWriter.WriteNumberValue(float)"/> writes (the shortest that round-trips), NaN and the infinities
/// the named strings the sequential path writes, so the bytes are the same as writing one value at a time.
/// </summary>
internal static class Fp32Json
{
    /// <summary>Values from which formatting is split; below, the pool and the join cost more than they save.</summary>
    public const int ParallelFrom = 16_384;

    /// <summary>The longest text of one value: "-1.17549435E-38" is 15 bytes, "\"-Infinity\"" 11; plus its comma.</summary>
    private const int MaxBytesPerValue = 16;

    public static bool ShouldSplit(int count) => count >= ParallelFrom && Environment.ProcessorCount > 1;

    /// <summary>Writes <c>[v0,v1,...]</c>, the FP32 tensor <paramref name="values"/> (in ONNX Runtime's memory), as the current value of <paramref name="writer"/>.</summary>
    public static void WriteArray(Utf8JsonWriter writer, OrtValue values, int count)
    {
        var chunks = Math.Max(1, Math.Min(Environment.ProcessorCount, count / (ParallelFrom / 2)));
        var size = (count + chunks - 1) / chunks;
        var parts = new byte[chunks][];
        var lengths = new int[chunks];
        byte[]? joined = null;
        try
        {
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, chunk =>
            {
                var from = chunk * size;
                var slice = values.GetTensorDataAsSpan<float>()[from..Math.Min(count, from + size)];
                parts[chunk] = ArrayPool<byte>.Shared.Rent((slice.Length * MaxBytesPerValue) + 1);
                lengths[chunk] = Format(slice, parts[chunk]);
            });

            var total = 2 + lengths.Sum() + (chunks - 1);
            joined = ArrayPool<byte>.Shared.Rent(total);
            var at = 0;
            joined[at++] = (byte)'[';
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                if (chunk > 0 && lengths[chunk] > 0)
                {
                    joined[at++] = (byte)',';
                }

                parts[chunk].AsSpan(0, lengths[chunk]).CopyTo(joined.AsSpan(at));
                at += lengths[chunk];
            }

            joined[at++] = (byte)']';
            writer.WriteRawValue(joined.AsSpan(0, at), skipInputValidation: true);
        }
        finally
        {
            foreach (var part in parts)
            {
                if (part is not null)
                {
                    ArrayPool<byte>.Shared.Return(part);
                }
            }

            if (joined is not null)
            {
                ArrayPool<byte>.Shared.Return(joined);
            }
        }
    }

    /// <summary>The values, comma-separated; answers the bytes written.</summary>
    internal static int Format(ReadOnlySpan<float> values, Span<byte> into)
    {
        var at = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                into[at++] = (byte)',';
            }

            var v = values[i];
            if (float.IsFinite(v))
            {
                // As Utf8JsonWriter formats a float: the default format, invariant culture.
                v.TryFormat(into[at..], out var written, default, CultureInfo.InvariantCulture);
                at += written;
            }
            else
            {
                var named = float.IsNaN(v) ? "\"NaN\""u8 : v > 0 ? "\"Infinity\""u8 : "\"-Infinity\""u8;
                named.CopyTo(into[at..]);
                at += named.Length;
            }
        }

        return at;
    }
}
