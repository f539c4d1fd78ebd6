using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Tests.Training;

[TestClass]
public sealed class RowSplitTests
{
    private const int Rows = 10_000;

    [TestMethod]
    public void TrainTest_RowsInFileOrder_HoldsOutAFifthSpreadOverTheWholeFile()
    {
        var ml = new MLContext(1);

        var (train, test) = RowSplit.TrainTest(ml, Numbered(ml), 0.2, seed: 1);
        var held = RowNumbers(test);

        // A file sorted by time or label must not be evaluated on its first (or any one) stretch of rows.
        Assert.IsTrue(held.Length is > 1800 and < 2200, $"{held.Length} rows held out of {Rows}");
        for (var quarter = 0; quarter < 4; quarter++)
        {
            var inQuarter = held.Count(r => r >= quarter * Rows / 4 && r < (quarter + 1) * Rows / 4);
            Assert.IsTrue(inQuarter is > 400 and < 600, $"quarter {quarter} of the file holds {inQuarter} of the {held.Length} held-out rows");
        }

        CollectionAssert.AreEquivalent(Enumerable.Range(0, Rows).ToArray(), RowNumbers(train).Concat(held).ToArray(), "every row is on exactly one side");
        CollectionAssert.AreEqual(held, RowNumbers(RowSplit.TrainTest(ml, Numbered(ml), 0.2, seed: 1).TestSet), "the same seed holds out the same rows");
        Assert.IsFalse(test.Schema.Any(c => c.Name == RowDraw.Column), "the draw is not left in the data the model is trained on");
    }

    [TestMethod]
    public void Folds_OfTheTrainingRows_AreDisjointAndAboutEqual()
    {
        var ml = new MLContext(1);
        var (train, _) = RowSplit.TrainTest(ml, Numbered(ml), 0.2, seed: 1);
        var trainRows = RowNumbers(train);

        var folds = RowSplit.Folds(ml, train, 5, seed: 1);

        var tests = folds.Select(f => RowNumbers(f.TestSet)).ToArray();
        foreach (var fold in tests)
        {
            Assert.IsTrue(Math.Abs(fold.Length - (trainRows.Length / 5.0)) < trainRows.Length * 0.03, $"a fold of {fold.Length} of {trainRows.Length} rows");
        }

        CollectionAssert.AreEquivalent(trainRows, tests.SelectMany(t => t).ToArray(), "each training row is tested in exactly one fold");
        for (var i = 0; i < folds.Count; i++)
        {
            Assert.AreEqual(trainRows.Length, RowNumbers(folds[i].TrainSet).Length + tests[i].Length);
        }
    }

    private static IDataView Numbered(MLContext ml) =>
        ml.Data.LoadFromEnumerable(Enumerable.Range(0, Rows).Select(i => new NumberedRow { Row = i, Value = i * 1000.5f }));

    private static int[] RowNumbers(IDataView data) => data.GetColumn<double>(ColumnNames.Row).Select(r => (int)r).ToArray();

    private sealed class NumberedRow
    {
        [ColumnName(ColumnNames.Row)]
        public double Row { get; set; }

        public float Value { get; set; }
    }
}
