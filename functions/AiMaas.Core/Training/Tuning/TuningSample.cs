using AiMaas.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

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

    private const string DrawColumn = "__aimaas_tuning_draw__";

    /// <returns>The rows and how many they are.</returns>
    public static (IDataView Rows, long Count) Take(MLContext ml, IDataView trainingRows, long trainingCount, int seed, int maxRows = MaxRows)
    {
        if (trainingCount <= maxRows)
        {
            return (trainingRows, trainingCount);
        }

        // Each row is kept by a seeded hash of its number: a uniform draw over the whole file, whatever its order
        // (ML.NET's split on a numeric key column cuts ranges of it, which would sample one stretch of the rows).
        var kept = (double)maxRows / trainingCount;
        var salt = (ulong)seed * 0x9E3779B97F4A7C15UL;
        var drawn = ml.Transforms.CustomMapping<RowNumber, Draw>((row, draw) => draw.Value = Uniform((ulong)row.Number ^ salt), contractName: null)
            .Fit(trainingRows)
            .Transform(trainingRows);
        var sample = ml.Data.Cache(ml.Transforms.DropColumns(DrawColumn).Fit(drawn).Transform(ml.Data.FilterRowsByColumn(drawn, DrawColumn, 0, kept)));
        return (sample, DataViewRows.Count(sample));
    }

    /// <summary>SplitMix64's finalizer: a well-mixed 64-bit hash, its top 53 bits as a double in [0, 1).</summary>
    private static double Uniform(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    private sealed class RowNumber
    {
        [ColumnName(ColumnNames.Row)]
        public double Number { get; set; }
    }

    private sealed class Draw
    {
        [ColumnName(DrawColumn)]
        public double Value { get; set; }
    }
}
