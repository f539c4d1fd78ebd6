using System.Text;
using AiMaas.Core.Batch;

namespace AiMaas.Core.Tests.Batch;

[TestClass]
public sealed class CsvCellsTests
{
    [TestMethod]
    [DataRow("plain", "plain")]
    [DataRow("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [DataRow("+cmd", "'+cmd")]
    [DataRow("@x", "'@x")]
    [DataRow("-2.5", "-2.5")]
    [DataRow("-x", "'-x")]
    [DataRow("a,b", "\"a,b\"")]
    [DataRow("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [DataRow("=a,b", "\"'=a,b\"")]
    public void AppendText_Value_IsQuotedAndEscapedAgainstFormulas(string value, string expected)
    {
        var line = new StringBuilder();

        CsvCells.AppendText(line, value);

        Assert.AreEqual(expected, line.ToString());
    }
}
