using AiMaas.Core.Datasets;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Datasets;

[TestClass]
public sealed class ColumnTypeInferenceTests
{
    [TestMethod]
    public void Infer_NumbersAndText_ReportsEachColumnsType()
    {
        var profiles = ColumnTypeInference.Infer(TestData.Table("size,color,code", "1.5,red,A1", "-2e3,blue,7", "3,red,8"));

        Assert.HasCount(3, profiles);
        Assert.AreEqual(new ColumnProfile("size", ColumnKind.Number, 0, 3), profiles[0]);
        Assert.AreEqual(new ColumnProfile("color", ColumnKind.Text, 0, 2), profiles[1]);
        Assert.AreEqual(ColumnKind.Text, profiles[2].Type, "one non-numeric value makes the column text");
    }

    [TestMethod]
    public void Infer_MissingValuesInNumericColumn_StaysNumericAndCountsMissing()
    {
        var profiles = ColumnTypeInference.Infer(TestData.Table("x,label", "1,a", ",b", "NA,a", "NaN,b", "?,a", "null,b", "2,a"));

        Assert.AreEqual(ColumnKind.Number, profiles[0].Type);
        Assert.AreEqual(5, profiles[0].Missing);
        Assert.AreEqual(2, profiles[0].Distinct);
    }

    [TestMethod]
    public void Infer_RepeatedValues_CountsDistinctValuesExcludingMissing()
    {
        var profiles = ColumnTypeInference.Infer(TestData.Table("n,t", "1,x", "1,y", "2,x", ",", "1,z"));

        Assert.AreEqual(2, profiles[0].Distinct);
        Assert.AreEqual(1, profiles[0].Missing);
        Assert.AreEqual(3, profiles[1].Distinct);
        Assert.AreEqual(1, profiles[1].Missing);
        Assert.AreEqual(ColumnKind.Text, profiles[1].Type);
    }

    [TestMethod]
    public void Infer_RepeatedNumbersThenText_IsText_AndRepeatedTextAfterNumbersStaysText()
    {
        // Repeated values are parsed once; a text value late in a column of repeated numbers still makes it text.
        var rows = Enumerable.Range(0, 50).Select(i => $"{i % 3},{i % 2},7").Append("2,x,7").Append("kg,1,7").Append("1,1,7").ToArray();
        var profiles = ColumnTypeInference.Infer(TestData.Table(rows.Prepend("a,b,c").ToArray()));

        Assert.AreEqual(ColumnKind.Text, profiles[0].Type, "'kg' after repeated numbers");
        Assert.AreEqual(ColumnKind.Text, profiles[1].Type, "'x' after repeated numbers");
        Assert.AreEqual(ColumnKind.Number, profiles[2].Type, "one number repeated");
    }

    [TestMethod]
    public void Infer_DistinctCount_IsCaseSensitive()
    {
        var profiles = ColumnTypeInference.Infer(TestData.Table("t", "Red", "red", "RED"));

        Assert.AreEqual(3, profiles[0].Distinct);
    }

    [TestMethod]
    [DataRow("1,000")]
    [DataRow("Infinity")]
    [DataRow("1e999")]
    [DataRow("12kg")]
    public void TryParseNumber_NotAFiniteInvariantNumber_ReturnsFalse(string value) =>
        Assert.IsFalse(ColumnTypeInference.TryParseNumber(value, out _));

    [TestMethod]
    [DataRow("3.25", 3.25f)]
    [DataRow("-1e3", -1000f)]
    [DataRow(" 7 ", 7f)]
    public void TryParseNumber_InvariantNumber_ParsesIt(string value, float expected)
    {
        Assert.IsTrue(ColumnTypeInference.TryParseNumber(value, out var number));
        Assert.AreEqual(expected, number);
    }
}
