using AiMaas.Core.Datasets;
using AiMaas.Core.Drift;
using AiMaas.Core.Registry;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Drift;

[TestClass]
public sealed class FeatureStatisticsCalculatorTests
{
    [TestMethod]
    public void Compute_UniformNumbers_DecileBinsOfAboutATenthEach()
    {
        var rows = Enumerable.Range(1, 1000).Select(i => new[] { i.ToString(System.Globalization.CultureInfo.InvariantCulture), i % 10 == 0 ? "" : "a" }).ToList();
        var table = new CsvTable(["x", "c"], rows);

        var statistics = FeatureStatisticsCalculator.Compute(table, [new FeatureDefinition("x", ColumnKind.Number), new FeatureDefinition("c", ColumnKind.Text)]);

        var x = statistics[0];
        Assert.HasCount(9, x.Edges!);
        Assert.HasCount(10, x.Proportions!);
        foreach (var proportion in x.Proportions!)
        {
            Assert.AreEqual(0.1, proportion, 0.002);
        }

        var c = statistics[1];
        Assert.AreEqual(0.1, c.MissingShare, 1e-9);
        Assert.AreEqual(1.0, c.Categories!["a"], 1e-9);
        Assert.IsTrue(c.AllCategoriesListed);
    }

    [TestMethod]
    [DataRow(-5.0, 0)]
    [DataRow(1.0, 0)]
    [DataRow(1.5, 1)]
    [DataRow(3.0, 2)]
    [DataRow(99.0, 3)]
    public void BinOf_Value_IsTheFirstEdgeNotExceeded(double value, int bin) =>
        Assert.AreEqual(bin, FeatureStatisticsCalculator.BinOf([1.0, 2.0, 3.0], value));
}
