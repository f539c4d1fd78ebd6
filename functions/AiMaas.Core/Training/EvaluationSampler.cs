using AiMaas.Core.Evaluation;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving;
using AiMaas.Core.Serving.Scoring;
using Microsoft.ML;

namespace AiMaas.Core.Training;

/// <summary>Scores the hold-out rows on the served output path and keeps a seeded sample of at most <see cref="MaxRows"/> of them.</summary>
internal static class EvaluationSampler
{
    /// <summary>Enough points for a readable scatter plot and a smooth ROC curve; a few tens of kilobytes of JSON.</summary>
    public const int MaxRows = 2000;

    public static EvaluationSample Create(ITransformer model, ModelManifest manifest, HoldOut holdOut, int seed)
    {
        var predictions = OutputReader.Read(model.Transform(holdOut.Rows), manifest, holdOut.Count);
        var rows = Pick(holdOut.Count, seed);
        var sample = new EvaluationSample
        {
            Model = manifest.Model,
            Version = manifest.Version,
            Task = holdOut.Task,
            HoldOutRows = holdOut.Count,
            Rows = rows.Length,
            Sampled = rows.Length < holdOut.Count,
            Seed = seed,
        };
        switch (holdOut.Task)
        {
            case TaskKind.Regression:
                return sample with
                {
                    Actual = [.. rows.Select(i => holdOut.Values[i])],
                    Predicted = [.. rows.Select(i => ((RegressionPrediction)predictions[i]).Score)],
                };
            case TaskKind.Binary:
                return sample with
                {
                    ActualFlags = [.. rows.Select(i => holdOut.Flags[i])],
                    PredictedFlags = [.. rows.Select(i => ((BinaryPrediction)predictions[i]).Label)],
                    Probability = [.. rows.Select(i => ((BinaryPrediction)predictions[i]).Probability)],
                };
            default:
                var classes = manifest.Classes ?? [];
                return sample with
                {
                    Classes = classes,
                    ActualClasses = [.. rows.Select(i => holdOut.Classes[i])],
                    PredictedClasses = [.. rows.Select(i => ((MulticlassPrediction)predictions[i]).Label)],
                    Probabilities = [.. rows.Select(i => (IReadOnlyList<float>)[.. classes.Select(c => ((MulticlassPrediction)predictions[i]).Probabilities.GetValueOrDefault(c))])],
                };
        }
    }

    /// <summary>Every row when there are few; otherwise a seeded sample, in hold-out order.</summary>
    private static int[] Pick(int count, int seed)
    {
        if (count <= MaxRows)
        {
            return [.. Enumerable.Range(0, count)];
        }

        var indices = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(indices);
        var picked = indices[..MaxRows];
        Array.Sort(picked);
        return picked;
    }
}
