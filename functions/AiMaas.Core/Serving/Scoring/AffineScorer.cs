using System.Buffers;
using System.Numerics;
using AiMaas.Core.Data;
using AiMaas.Core.Registry;
using Microsoft.ML;

namespace AiMaas.Core.Serving.Scoring;

/// <summary>
/// The column-wise fast path for linear regression models the platform trained on numbers alone. Exact by construction:
/// the normalizer's scale and offset and the linear model's weights and bias are read from the model's own parameters
/// (see <see cref="LinearPipelineReader"/>), never recovered by probing its behaviour. Each feature column is normalised
/// as ML.NET does it, in single precision, and its products summed in double precision. A row with a missing value
/// comes out NaN and is scored by the model itself, which imputes it.
/// </summary>
internal sealed class AffineScorer
{
    private readonly LinearPipeline _pipeline;

    private AffineScorer(LinearPipeline pipeline) => _pipeline = pipeline;

    /// <summary>The fast path for the model, or null when the model is anything but the platform's own linear regression over numbers.</summary>
    public static AffineScorer? TryCreate(ITransformer transformer, DataViewSchema inputSchema, ModelManifest manifest) =>
        manifest.Task == TaskKind.Regression && LinearPipelineReader.TryRead(transformer, inputSchema, manifest) is { } pipeline
            ? new AffineScorer(pipeline)
            : null;

    /// <summary>Writes the scores of rows [<paramref name="start"/>, <paramref name="end"/>) into <paramref name="scores"/>; returns whether any came out NaN.</summary>
    public bool Score(TabularDataView batch, int start, int end, float[] scores)
    {
        var count = end - start;

        // Pooled: a batch job scores chunk after chunk, and arrays this size go to the large object heap, which only a
        // full collection frees, so fresh ones per chunk grew the process by ~1.2 MB a chunk until one came.
        var sumsArray = ArrayPool<double>.Shared.Rent(count);
        var normalisedArray = ArrayPool<float>.Shared.Rent(count);
        try
        {
            var sums = sumsArray.AsSpan(0, count);
            var normalised = normalisedArray.AsSpan(0, count);
            sums.Fill(_pipeline.Bias);
            for (var f = 0; f < _pipeline.Weights.Length; f++)
            {
                var column = ((float[])batch.Columns[f]).AsSpan(start, count);
                Normalise(column, _pipeline.Offsets.IsDefaultOrEmpty ? 0f : _pipeline.Offsets[f], _pipeline.Scales[f], normalised);
                MultiplyAdd(normalised, _pipeline.Weights[f], sums);
            }

            var anyNaN = false;
            for (var i = 0; i < count; i++)
            {
                scores[start + i] = (float)sums[i];
                anyNaN |= double.IsNaN(sums[i]);
            }

            return anyNaN;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(normalisedArray);
            ArrayPool<double>.Shared.Return(sumsArray);
        }
    }

    /// <summary>ML.NET's affine normalisation, (x - offset) * scale in single precision, so that each product equals the model's own.</summary>
    private static void Normalise(ReadOnlySpan<float> column, float offset, float scale, Span<float> target)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var o = new Vector<float>(offset);
            var s = new Vector<float>(scale);
            for (; i <= column.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                ((new Vector<float>(column[i..]) - o) * s).CopyTo(target[i..]);
            }
        }

        for (; i < column.Length; i++)
        {
            target[i] = (column[i] - offset) * scale;
        }
    }

    private static void MultiplyAdd(ReadOnlySpan<float> values, double weight, Span<double> sums)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = new Vector<double>(weight);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(values[i..]), out var low, out var high);
                (new Vector<double>(sums[i..]) + (low * w)).CopyTo(sums[i..]);
                (new Vector<double>(sums[(i + Vector<double>.Count)..]) + (high * w)).CopyTo(sums[(i + Vector<double>.Count)..]);
            }
        }

        for (; i < values.Length; i++)
        {
            sums[i] += values[i] * weight;
        }
    }
}
