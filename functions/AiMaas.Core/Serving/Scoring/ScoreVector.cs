using Microsoft.ML.Data;

namespace AiMaas.Core.Serving.Scoring;

internal static class ScoreVector
{
    /// <summary>Copies a multiclass score vector into one row of class probabilities, without allocating.</summary>
    public static void CopyTo(in VBuffer<float> scores, Span<float> target)
    {
        if (scores.Length == target.Length)
        {
            scores.CopyTo(target);
            return;
        }

        var i = 0;
        foreach (var value in scores.DenseValues())
        {
            if (i == target.Length)
            {
                break;
            }

            target[i++] = value;
        }
    }
}
