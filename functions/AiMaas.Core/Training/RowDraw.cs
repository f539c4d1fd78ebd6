using Microsoft.ML;

namespace AiMaas.Core.Training;

/// <summary>
/// A seeded, uniform draw in [0, 1) for each labelled row, from its row number: what the hold-out split, the tuning folds
/// and the tuning sample cut ranges of. ML.NET splits on a numeric key column by its values as they are, so splitting on
/// the row number itself made the hold-out the file's first rows and each fold one stretch of it: a file sorted by time
/// or by label was evaluated on a biased slice.
/// </summary>
internal static class RowDraw
{
    public const string Column = "__aimaas_draw__";

    /// <summary>Why rows are drawn: each purpose draws independently of the others under the same seed.</summary>
    public enum Purpose : ulong
    {
        HoldOut = 1,
        Folds = 2,
        TuningSample = 3,
    }

    /// <summary>The rows with <see cref="Column"/> added.</summary>
    public static IDataView Add(IDataView rows, int seed, Purpose purpose) =>
        new RowDrawView(rows, Uniform64(((ulong)(uint)seed << 8) | (ulong)purpose));

    /// <summary>The rows without <see cref="Column"/>, once a split has used it.</summary>
    public static IDataView Drop(MLContext ml, IDataView rows) => ml.Transforms.DropColumns(Column).Fit(rows).Transform(rows);

    /// <summary>SplitMix64's finalizer: a well-mixed 64-bit hash, its top 53 bits as a double in [0, 1).</summary>
    public static double Uniform(ulong x) => (Uniform64(x) >> 11) * (1.0 / (1UL << 53));

    private static ulong Uniform64(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
