using System.Text;
using AiMaas.Core.Vocabulary;
using AiMaas.Core.Datasets;
using AiMaas.Core.Tests.Support;

namespace AiMaas.Core.Tests.Datasets;

[TestClass]
public sealed class CsvTableReaderTests
{
    [TestMethod]
    public void Read_HeaderAndRows_ReturnsHeadersAndRowsInOrder()
    {
        var table = CsvTableReader.Read(TestData.Csv("a,b,label", "1,2,x", "3,4,y"));

        CollectionAssert.AreEqual(new[] { "a", "b", "label" }, table.Headers.ToArray());
        Assert.HasCount(2, table.Rows);
        CollectionAssert.AreEqual(new[] { "1", "2", "x" }, table.Rows[0]);
        CollectionAssert.AreEqual(new[] { "3", "4", "y" }, table.Rows[1]);
        Assert.AreEqual(2, table.ColumnIndex("label"));
        Assert.AreEqual(-1, table.ColumnIndex("missing"));
    }

    [TestMethod]
    public void Read_Utf8StreamWithBom_ReadsSameTable()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(TestData.Csv("name,city", "Ana,Zürich"))).ToArray();

        var table = CsvTableReader.Read(new MemoryStream(bytes));

        Assert.AreEqual("name", table.Headers[0]);
        Assert.AreEqual("Zürich", table.Rows[0][1]);
    }

    [TestMethod]
    public void Read_QuotedFieldWithCommaAndQuote_KeepsFieldWhole()
    {
        var table = CsvTableReader.Read(TestData.Csv("city,note", "\"Portland, OR\",\"said \"\"hi\"\"\"", "Lyon,plain"));

        Assert.HasCount(2, table.Rows);
        Assert.AreEqual("Portland, OR", table.Rows[0][0]);
        Assert.AreEqual("said \"hi\"", table.Rows[0][1]);
    }

    [TestMethod]
    public void Read_CrLfLineEndingsAndBlankLines_IgnoresBlankLines()
    {
        var table = CsvTableReader.Read("a,b\r\n1,2\r\n\r\n3,4\r\n");

        Assert.HasCount(2, table.Rows);
        Assert.AreEqual("3", table.Rows[1][0]);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("\n\n")]
    [DataRow(" , ,\n")]
    public void Read_EmptyCsv_ThrowsSayingItIsEmpty(string csv)
    {
        var ex = Assert.ThrowsExactly<ProblemException>(() => CsvTableReader.Read(csv));

        Assert.Contains("empty", ex.Message);
        Assert.Contains("header", ex.Message);
    }

    [TestMethod]
    public void Read_HeaderOnly_ThrowsSayingThereAreNoRows()
    {
        var ex = Assert.ThrowsExactly<ProblemException>(() => CsvTableReader.Read(TestData.Csv("a,b,c")));

        Assert.Contains("no data rows", ex.Message);
    }

    [TestMethod]
    public void Read_RaggedRow_ThrowsNamingRowAndCounts()
    {
        // Line 3 of the file (the second data row) has two fields where the header has three.
        var ex = Assert.ThrowsExactly<ProblemException>(() => CsvTableReader.Read(TestData.Csv("a,b,c", "1,2,3", "4,5", "6,7,8")));

        Assert.Contains("Row 3", ex.Message);
        Assert.Contains("2 fields", ex.Message);
        Assert.Contains("header has 3", ex.Message);
    }

    [TestMethod]
    public void Read_RowWithTooManyFields_Throws()
    {
        var ex = Assert.ThrowsExactly<ProblemException>(() => CsvTableReader.Read(TestData.Csv("a,b", "1,2,3")));

        Assert.Contains("3 fields", ex.Message);
    }

    [TestMethod]
    public void Read_DuplicateHeader_ThrowsNamingTheColumn()
    {
        var ex = Assert.ThrowsExactly<ProblemException>(() => CsvTableReader.Read(TestData.Csv("price,size,price", "1,2,3")));

        Assert.Contains("'price'", ex.Message);
        Assert.Contains("more than once", ex.Message);
    }

    [TestMethod]
    public void Read_DuplicateHeaderAfterTrimming_Throws()
    {
        var ex = Assert.ThrowsExactly<ProblemException>(() => CsvTableReader.Read(TestData.Csv("price, price", "1,2")));

        Assert.Contains("'price'", ex.Message);
    }

    [TestMethod]
    [DataRow("a,,c")]
    [DataRow("a,  ,c")]
    public void Read_BlankHeaderName_ThrowsNamingTheColumnPosition(string header)
    {
        var ex = Assert.ThrowsExactly<ProblemException>(() => CsvTableReader.Read(TestData.Csv(header, "1,2,3")));

        Assert.Contains("Column 2", ex.Message);
        Assert.Contains("no name", ex.Message);
    }
}
