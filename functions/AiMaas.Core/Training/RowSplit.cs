using Microsoft.ML;

namespace AiMaas.Core.Training;

/// <summary>The hold-out split and the tuning folds, each a seeded uniform draw over the rows wherever they sit in the file.</summary>
internal static class RowSplit
{
    /// <summary>About <paramref name="testFraction"/> of the rows, spread over the whole file, held out.</summary>
    public static (IDataView TrainSet, IDataView TestSet) TrainTest(MLContext ml, IDataView rows, double testFraction, int seed)
    {
        var drawn = RowDraw.Add(rows, seed, RowDraw.Purpose.HoldOut);
        var split = ml.Data.TrainTestSplit(drawn, testFraction, samplingKeyColumnName: RowDraw.Column);
        return (RowDraw.Drop(ml, split.TrainSet), RowDraw.Drop(ml, split.TestSet));
    }

    /// <summary><paramref name="folds"/> disjoint test sets of about equal size, each with the rest of the rows to train on.</summary>
    public static IReadOnlyList<(IDataView TrainSet, IDataView TestSet)> Folds(MLContext ml, IDataView rows, int folds, int seed)
    {
        // Drawn apart from the hold-out: under the hold-out's draw every training row lies above the test fraction, and
        // the first folds would be empty.
        var drawn = RowDraw.Add(rows, seed, RowDraw.Purpose.Folds);
        return ml.Data.CrossValidationSplit(drawn, folds, samplingKeyColumnName: RowDraw.Column)
            .Select(f => (RowDraw.Drop(ml, f.TrainSet), RowDraw.Drop(ml, f.TestSet)))
            .ToArray();
    }
}
