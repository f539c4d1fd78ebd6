using AiMaas.Core.Data;
using Microsoft.ML;

namespace AiMaas.Core.Training.Tuning;

/// <summary>
/// The rows <c>auto</c>'s trials cut their folds from: all training rows up to <see cref="MaxRows"/>, a seeded sample
/// of about that many above it, held in memory. Comparing trainers and their options needs far fewer rows than the
/// final model, and every trial's folds re-read them; the winner is refitted on all training rows.
/// </summary>
public static class TuningSample
{
    /// <summary>Training rows above which the trials run on a sample of about this many.</summary>
    public const int MaxRows = 200_000;

    /// <returns>The rows and how many they are.</returns>
    public static (IDataView Rows, long Count) Take(MLContext ml, IDataView trainingRows, long trainingCount, int seed, int maxRows = MaxRows)
    {
        if (trainingCount <= maxRows)
        {
            return (trainingRows, trainingCount);
        }

        // Each row is kept by a seeded draw from its number: a uniform sample over the whole file, whatever its order.
        var kept = (double)maxRows / trainingCount;
        var drawn = RowDraw.Add(trainingRows, seed, RowDraw.Purpose.TuningSample);
        var sample = ml.Data.Cache(RowDraw.Drop(ml, ml.Data.FilterRowsByColumn(drawn, RowDraw.Column, 0, kept)));
        return (sample, DataViewRows.Count(sample));
    }
}
