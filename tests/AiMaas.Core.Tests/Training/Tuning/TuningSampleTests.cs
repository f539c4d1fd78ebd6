using AiMaas.Core.Training.Tuning;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Tests.Training.Tuning;

[TestClass]
public sealed class TuningSampleTests
{
    [TestMethod]
    public void Take_TrainingRowsUpToTheCap_AreTunedOnAsTheyAre()
    {
        var ml = new MLContext(1);
        var rows = Rows(ml, 1_000);

        var (sample, count) = TuningSample.Take(ml, rows, 1_000, seed: 42, maxRows: 1_000);

        Assert.AreSame(rows, sample);
        Assert.AreEqual(1_000, count);
    }

    [TestMethod]
    public void Take_MoreTrainingRowsThanTheCap_AreASeededSampleOfAboutThatMany()
    {
        var ml = new MLContext(1);
        var rows = Rows(ml, 20_000);

        var (sample, count) = TuningSample.Take(ml, rows, 20_000, seed: 42, maxRows: 2_000);
        var again = RowNumbers(TuningSample.Take(new MLContext(7), Rows(ml, 20_000), 20_000, seed: 42, maxRows: 2_000).Rows);

        var numbers = RowNumbers(sample);
        Assert.AreEqual(numbers.Length, count);
        Assert.IsTrue(count is > 1_700 and < 2_300, $"{count} rows sampled for a cap of 2,000");
        Assert.AreEqual(numbers.Length, numbers.Distinct().Count(), "each training row at most once");
        CollectionAssert.AreEqual(numbers, again, "the same seed, the same rows");
        Assert.IsTrue(numbers.Min() < 2_000 && numbers.Max() > 18_000, "drawn from the whole file, not its first rows");
    }

    private static IDataView Rows(MLContext ml, int count) =>
        ml.Data.LoadFromEnumerable(Enumerable.Range(0, count).Select(i => new Row { Number = i, Value = i % 7 }));

    private static double[] RowNumbers(IDataView view) => view.GetColumn<double>("__aimaas_row__").ToArray();

    private sealed class Row
    {
        [ColumnName("__aimaas_row__")]
        public double Number { get; set; }

        public float Value { get; set; }
    }
}
