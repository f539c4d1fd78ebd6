using System.Globalization;
using System.Text;
using AiMaas.Core.Vocabulary;
using AiMaas.Core.Batch;
using CsvHelper;
using CsvHelper.Configuration;

namespace AiMaas.Core.Tests.Batch;

/// <summary>
/// The batch job's CSV reader finds fields in the bytes; CsvHelper (what it replaced, with the same trimming) is the
/// reference: the same rows, the same values, the same rows marked bad, whatever the quoting and wherever the input's
/// reads split a record.
/// </summary>
[TestClass]
public sealed class CsvRowReaderTests
{
    private static readonly string[] Columns = ["c", "a", "d"];

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    [DataRow(4)]
    [DataRow(5)]
    public async Task ReadAsync_RandomQuotedCsvInSmallReads_MatchesCsvHelper(int seed)
    {
        var random = new Random(seed);
        var csv = RandomCsv(random, rows: 400);

        var expected = ReadWithCsvHelper(csv);
        var actual = await ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(csv), random), numeric: null);

        Assert.HasCount(expected.Count, actual, csv);
        for (var row = 0; row < expected.Count; row++)
        {
            Assert.AreEqual(expected[row].Error is null, actual[row].Error is null, $"row {row + 1}: bad in one reader only ({expected[row].Error} / {actual[row].Error})");
            if (expected[row].Error is null)
            {
                CollectionAssert.AreEqual(expected[row].Values, actual[row].Values, $"row {row + 1}");
            }
        }
    }

    [TestMethod]
    public async Task ReadAsync_QuotedFieldsBomAndLineBreaks_AreUnquotedAndCountedAsRows()
    {
        var csv = "\uFEFFa , b,c,d\r\n1, \"x, \"\"y\"\"\" ,\"2\nline\",  4 \r\n\r\n5,6,7\n8,9\"x,10,11\n\"12\",13,14,15";

        var rows = await ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), numeric: null);

        Assert.HasCount(4, rows);
        CollectionAssert.AreEqual(new[] { "2\nline", "1", "4" }, rows[0].Values);
        StringAssert.Contains(rows[1].Error, "expected 4 fields");
        StringAssert.Contains(rows[2].Error, "stray quote");
        CollectionAssert.AreEqual(new[] { "14", "12", "15" }, rows[3].Values);
    }

    [TestMethod]
    public async Task ReadAsync_NumericColumns_AreParsedAsTheTextWouldBe()
    {
        string[] values = ["1234567.5", "-2500.25", "", "NA", "?", "1e-7", "-0", "3.4028235E+38", "1e39", "abc", "\"7\"", " 8 "];
        var csv = new StringBuilder("c,a,d\n");
        foreach (var value in values)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{value},x,1\n");
        }

        var rows = await ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), numeric: [true, false, true]);

        for (var i = 0; i < values.Length; i++)
        {
            var text = values[i].Trim().Trim('"');
            var isMissing = text is "" or "NA" or "?";
            var isNumber = float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && float.IsFinite(number);
            if (isMissing || isNumber)
            {
                Assert.IsNull(rows[i].Values[0], values[i]);
                Assert.AreEqual(isMissing ? float.NaN : number, rows[i].Numbers![0], values[i]);
            }
            else
            {
                Assert.AreEqual(text, rows[i].Values[0], "a value that is not a number stays text, for the error message");
            }

            Assert.AreEqual("x", rows[i].Values[1], "text columns stay text");
        }
    }

    [TestMethod]
    public async Task ReadAsync_ColumnMissingFromTheHeader_FailsTheJobNamingIt()
    {
        var error = await Assert.ThrowsExactlyAsync<ProblemException>(() => ReadAsync(new MemoryStream("a,b\n1,2\n"u8.ToArray()), numeric: null));

        StringAssert.Contains(error.Message, "no column 'c'");
    }

    private async Task<List<(string?[] Values, float[]? Numbers, string? Error)>> ReadAsync(Stream stream, bool[]? numeric)
    {
        var rows = new List<(string?[] Values, float[]? Numbers, string? Error)>();
        await foreach (var row in CsvRowReader.ReadAsync(stream, "test.csv", Columns, numeric, TestContext.CancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>What the job read before: CsvHelper with fields trimmed, a stray quote or a wrong field count marking the row bad.</summary>
    private static List<(string?[] Values, string? Error)> ReadWithCsvHelper(string csv)
    {
        var bad = false;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, BadDataFound = _ => bad = true };
        using var parser = new CsvParser(new StringReader(csv), configuration);
        var rows = new List<(string?[] Values, string? Error)>();
        Assert.IsTrue(parser.Read());
        var header = parser.Record!;
        var indexes = Columns.Select(c => Array.IndexOf(header, c)).ToArray();
        while (parser.Read())
        {
            var record = parser.Record!;
            var error = bad ? "bad" : record.Length != header.Length ? "count" : null;
            bad = false;
            rows.Add((error is null ? [.. indexes.Select(i => record[i])] : [], error));
        }

        return rows;
    }

    /// <summary>Rows of quoted and unquoted fields with commas, quotes, line breaks, blanks around them, now and then a stray quote, a short row or a blank line.</summary>
    private static string RandomCsv(Random random, int rows)
    {
        string[] pieces = ["1.5", "-2", "x", "y z", "", " ", "é", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf"];
        var csv = new StringBuilder("a,b, c ,d\n");
        for (var row = 0; row < rows; row++)
        {
            var fields = random.Next(20) == 0 ? random.Next(1, 6) : 4;
            for (var f = 0; f < fields; f++)
            {
                var piece = pieces[random.Next(pieces.Length)];
                var needsQuotes = piece.AsSpan().IndexOfAny(",\"\r\n") >= 0;
                var blank = random.Next(4) == 0 ? " " : "";
                var cell = needsQuotes || random.Next(5) == 0 ? $"\"{piece.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : piece;
                if (random.Next(60) == 0)
                {
                    cell = random.Next(2) == 0 ? "ab\"c" : "\"ab\"c";
                }

                csv.Append(blank).Append(cell).Append(blank).Append(f < fields - 1 ? "," : "");
            }

            csv.Append(random.Next(3) switch { 0 => "\r\n", 1 when random.Next(10) == 0 => "\n\n", _ => "\n" });
        }

        return csv.ToString();
    }

    /// <summary>Hands out its bytes a few at a time, so that records and line breaks are split between reads.</summary>
    private sealed class TrickleStream(byte[] bytes, Random random) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, random.Next(1, 8))], cancellationToken);
    }
}
