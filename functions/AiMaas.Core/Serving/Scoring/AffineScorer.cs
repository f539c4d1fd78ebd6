using System.Numerics;
using AiMaas.Core.Data;
using Microsoft.ML;

namespace AiMaas.Core.Serving.Scoring;

/// <summary>
/// The column-wise fast path for regression models whose score is an affine function of all-numeric inputs (a linear
/// trainer behind mean imputation and min-max scaling, as AiMaas trains them). The weights are recovered once, at load,
/// by probing the model itself, and kept only if the model then agrees with them on random rows; scoring is then one
/// SIMD multiply-add per feature column. A row with a missing value comes out NaN and is scored by the model instead.
/// </summary>
internal sealed class AffineScorer
{
    private const float ProbeMagnitude = 1000f;
    private const int ValidationRows = 32;
    private const double RelativeTolerance = 1e-4;

    private readonly float[] _weights;
    private readonly float _bias;

    private AffineScorer(float[] weights, float bias)
    {
        _weights = weights;
        _bias = bias;
    }

    /// <summary>The affine form of the model, or null when it is not affine (trees, text features, other tasks).</summary>
    /// <param name="inputSchema">The model's input schema.</param>
    /// <param name="score">Scores every row of a batch with the model itself.</param>
    public static AffineScorer? TryCreate(DataViewSchema inputSchema, Func<TabularDataView, float[]> score)
    {
        if (inputSchema.Count == 0 || inputSchema.Any(c => c.Type.RawType != typeof(float)))
        {
            return null;
        }

        var features = inputSchema.Count;

        // Rows: the origin, then +M and -M along each feature; the central difference gives each weight.
        var probes = new float[features][];
        for (var f = 0; f < features; f++)
        {
            probes[f] = new float[1 + (2 * features)];
            probes[f][1 + (2 * f)] = ProbeMagnitude;
            probes[f][2 + (2 * f)] = -ProbeMagnitude;
        }

        var probed = score(new TabularDataView(inputSchema, probes, 1 + (2 * features)));
        var bias = probed[0];
        var weights = new float[features];
        for (var f = 0; f < features; f++)
        {
            weights[f] = (probed[1 + (2 * f)] - probed[2 + (2 * f)]) / (2 * ProbeMagnitude);
        }

        var candidate = new AffineScorer(weights, bias);
        return float.IsFinite(bias) && weights.All(float.IsFinite) && candidate.AgreesWith(inputSchema, score) ? candidate : null;
    }

    /// <summary>Writes the scores of rows [<paramref name="start"/>, <paramref name="end"/>) into <paramref name="scores"/>; returns whether any came out NaN.</summary>
    public bool Score(TabularDataView batch, int start, int end, float[] scores)
    {
        var span = scores.AsSpan(start, end - start);
        span.Fill(_bias);
        for (var f = 0; f < _weights.Length; f++)
        {
            MultiplyAdd(((float[])batch.Columns[f]).AsSpan(start, end - start), _weights[f], span);
        }

        return HasNaN(span);
    }

    private bool AgreesWith(DataViewSchema inputSchema, Func<TabularDataView, float[]> score)
    {
        var random = new Random(20261128);
        var columns = new float[inputSchema.Count][];
        for (var f = 0; f < columns.Length; f++)
        {
            columns[f] = Enumerable.Range(0, ValidationRows).Select(_ => (float)((random.NextDouble() - 0.5) * 2 * ProbeMagnitude)).ToArray();
        }

        var view = new TabularDataView(inputSchema, columns, ValidationRows);
        var expected = score(view);
        var actual = new float[ValidationRows];
        Score(view, 0, ValidationRows, actual);
        var scale = expected.Max(v => Math.Abs((double)v)) + 1;
        return expected.Zip(actual).All(p => Math.Abs(p.First - p.Second) <= RelativeTolerance * scale);
    }

    private static void MultiplyAdd(ReadOnlySpan<float> column, float weight, Span<float> scores)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = new Vector<float>(weight);
            for (; i <= column.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(scores[i..]) + (new Vector<float>(column[i..]) * w)).CopyTo(scores[i..]);
            }
        }

        for (; i < column.Length; i++)
        {
            scores[i] += column[i] * weight;
        }
    }

    private static bool HasNaN(ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            if (float.IsNaN(value))
            {
                return true;
            }
        }

        return false;
    }
}
