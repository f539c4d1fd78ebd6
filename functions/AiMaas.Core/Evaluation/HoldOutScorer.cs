using AiMaas.Core.Registry;
using AiMaas.Core.Serving;
using AiMaas.Core.Serving.Scoring;
using Microsoft.ML;

namespace AiMaas.Core.Evaluation;

/// <summary>
/// Scores a model on held-out rows from its served predictions, the same way for every model, so that a candidate and
/// the current version are compared on exactly the same rows by exactly the same arithmetic.
/// </summary>
internal static class HoldOutScorer
{
    private const double Epsilon = 1e-15;

    public static double Score(ITransformer model, ModelManifest manifest, HoldOut holdOut, string metric)
    {
        var predictions = OutputReader.Read(model.Transform(holdOut.Rows), manifest, holdOut.Count);
        return holdOut.Task switch
        {
            TaskKind.Regression => Regression(predictions.Cast<RegressionPrediction>().Select(p => (double)p.Score).ToArray(), holdOut.Values, metric),
            TaskKind.Binary => Binary(predictions.Cast<BinaryPrediction>().ToArray(), holdOut.Flags, metric),
            _ => Multiclass(predictions.Cast<MulticlassPrediction>().ToArray(), holdOut.Classes, metric),
        };
    }

    private static double Regression(double[] predicted, IReadOnlyList<float> actual, string metric)
    {
        var mean = actual.Average(v => (double)v);
        var residuals = predicted.Select((p, i) => p - actual[i]).ToArray();
        return metric switch
        {
            "rmse" => Math.Sqrt(residuals.Average(r => r * r)),
            "mae" => residuals.Average(Math.Abs),
            _ => 1 - (residuals.Sum(r => r * r) / actual.Sum(v => (v - mean) * (v - mean))),
        };
    }

    private static double Binary(BinaryPrediction[] predicted, IReadOnlyList<bool> actual, string metric)
    {
        switch (metric)
        {
            case "accuracy":
                return predicted.Where((p, i) => p.Label == actual[i]).Count() / (double)actual.Count;
            case "f1":
                var truePositives = predicted.Where((p, i) => p.Label && actual[i]).Count();
                var predictedPositives = predicted.Count(p => p.Label);
                var actualPositives = actual.Count(a => a);
                return truePositives == 0 ? 0 : 2.0 * truePositives / (predictedPositives + actualPositives);
            case "logLoss":
                // In bits, as ML.NET's binary evaluator reports it (its multiclass log-loss is in nats).
                return -predicted.Select((p, i) => Math.Log2(Math.Clamp(actual[i] ? p.Probability : 1 - p.Probability, Epsilon, 1))).Average();
            default:
                return AreaUnderCurve(predicted.Select(p => (double)p.Probability).ToArray(), actual);
        }
    }

    /// <summary>The probability that a random positive row scores above a random negative one (ties count half).</summary>
    private static double AreaUnderCurve(double[] scores, IReadOnlyList<bool> actual)
    {
        var positives = actual.Count(a => a);
        var negatives = actual.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        double rankSumOfPositives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var averageRank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                rankSumOfPositives += actual[order[k]] ? averageRank : 0;
            }

            start = end + 1;
        }

        return (rankSumOfPositives - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    private static double Multiclass(MulticlassPrediction[] predicted, IReadOnlyList<string> actual, string metric)
    {
        switch (metric)
        {
            case "microAccuracy":
                return predicted.Where((p, i) => p.Label == actual[i]).Count() / (double)actual.Count;
            case "logLoss":
                return -predicted.Select((p, i) => Math.Log(Math.Clamp(p.Probabilities.TryGetValue(actual[i], out var q) ? q : 0, Epsilon, 1))).Average();
            default:
                return actual.Select((label, i) => (label, correct: predicted[i].Label == label))
                    .GroupBy(r => r.label, StringComparer.Ordinal)
                    .Average(g => g.Count(r => r.correct) / (double)g.Count());
        }
    }
}
