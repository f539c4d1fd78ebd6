using AiMaas.Core.Datasets;
using AiMaas.Core.Datasets.Parquet;
using AiMaas.Core.Vocabulary;
using Parquet;
using Parquet.Schema;

namespace AiMaas.Core.Tests.Datasets;

/// <summary>Parquet datasets are read row group by row group with the types their schema declares; nulls are missing values.</summary>
[TestClass]
public sealed class ParquetRecordsTests
{
    private static readonly DataField Id = new DataField<long>("id");
    private static readonly DataField Amount = new DataField<double?>("amount");
    private static readonly DataField Count = new DataField<int?>("count");
    private static readonly DataField Share = new DataField<float>("share");
    private static readonly DataField Zip = new DataField<string>("zip");
    private static readonly DataField City = new DataField<string>("city");
    private static readonly DataField Active = new DataField<bool?>("active");

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task ReadAll_TypedColumnsInTwoRowGroups_FormatsValuesAndNullsAsMissing()
    {
        var path = await WriteSampleAsync();
        try
        {
            using var records = DatasetFormats.OpenFile(path, "sales/2026.parquet");
            var rows = records.ReadAll().ToArray();

            CollectionAssert.AreEqual(new[] { "id", "amount", "count", "share", "zip", "city", "active" }, records.Header.ToArray());
            CollectionAssert.AreEqual(
                new[] { ColumnKind.Number, ColumnKind.Number, ColumnKind.Number, ColumnKind.Number, ColumnKind.Text, ColumnKind.Text, ColumnKind.Text },
                records.DeclaredTypes!.ToArray());
            Assert.HasCount(3, rows);
            CollectionAssert.AreEqual(new[] { "4000000001", "-1234567.25", "3000", "0.125", "01000", "Paris, \"FR\"", "true" }, rows[0]);
            CollectionAssert.AreEqual(new[] { "4000000002", "", "", "-2.5", "", "", "" }, rows[1]);
            CollectionAssert.AreEqual(new[] { "-7", "98765432.5", "-45", "1000000", "75001", "oslo", "false" }, rows[2]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task Profile_SchemaTypes_WinOverWhatTheValuesLookLike()
    {
        var path = await WriteSampleAsync();
        try
        {
            using var records = DatasetFormats.OpenFile(path, "x.parquet");
            var profile = DatasetProfiler.Profile(records);

            Assert.AreEqual(3, profile.Rows);
            Assert.AreEqual(ColumnKind.Number, profile.Columns[1].Type, "amount");
            Assert.AreEqual(1, profile.Columns[1].Missing, "amount's null");
            Assert.AreEqual(ColumnKind.Text, profile.Columns[4].Type, "zip codes are text in the schema even though they look like numbers");
            Assert.AreEqual(ColumnKind.Text, profile.Columns[6].Type, "a boolean is a category");
            Assert.AreEqual(1, profile.Columns[6].Missing, "active's null");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task OpenAsync_WantedColumns_ReadsOnlyThoseInThatOrder()
    {
        var path = await WriteSampleAsync();
        try
        {
            await using var records = await ParquetRecords.OpenAsync(File.OpenRead(path), ["city", "amount"], TestContext.CancellationToken);
            var rows = new List<string[]>();
            await foreach (var row in records.ReadAllAsync(TestContext.CancellationToken))
            {
                rows.Add(row);
            }

            CollectionAssert.AreEqual(new[] { "Paris, \"FR\"", "-1234567.25" }, rows[0]);
            Assert.HasCount(3, rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task OpenAsync_MissingColumn_SaysWhichAndListsTheColumns()
    {
        var path = await WriteSampleAsync();
        try
        {
            var error = await Assert.ThrowsExactlyAsync<ProblemException>(() => ParquetRecords.OpenAsync(File.OpenRead(path), ["price"], TestContext.CancellationToken));

            StringAssert.Contains(error.Message, "no column 'price'");
            StringAssert.Contains(error.Message, "id, amount, count");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void OpenFile_NotParquet_IsAFormatError()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "a,b\n1,2\n");
        try
        {
            var error = Assert.ThrowsExactly<ProblemException>(() => DatasetFormats.OpenFile(path, "x.parquet").Dispose());

            StringAssert.Contains(error.Message, "not valid Parquet");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<string> WriteSampleAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aimaas-test-{Guid.NewGuid():N}.parquet");
        var cancel = TestContext.CancellationToken;
        var schema = new ParquetSchema(Id, Amount, Count, Share, Zip, City, Active);
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancel))
        {
            using (var group = writer.CreateRowGroup())
            {
                await group.WriteAsync<long>(Id, new long[] { 4_000_000_001, 4_000_000_002 }.AsMemory(), cancellationToken: cancel);
                await group.WriteAsync<double>(Amount, new double?[] { -1_234_567.25, null }.AsMemory(), cancellationToken: cancel);
                await group.WriteAsync<int>(Count, new int?[] { 3000, null }.AsMemory(), cancellationToken: cancel);
                await group.WriteAsync<float>(Share, new float[] { 0.125f, -2.5f }.AsMemory(), cancellationToken: cancel);
                await group.WriteAsync(Zip, new[] { "01000", null });
                await group.WriteAsync(City, new[] { "Paris, \"FR\"", null });
                await group.WriteAsync<bool>(Active, new bool?[] { true, null }.AsMemory(), cancellationToken: cancel);
            }

            using (var group = writer.CreateRowGroup())
            {
                await group.WriteAsync<long>(Id, new long[] { -7 }.AsMemory(), cancellationToken: cancel);
                await group.WriteAsync<double>(Amount, new double?[] { 98_765_432.5 }.AsMemory(), cancellationToken: cancel);
                await group.WriteAsync<int>(Count, new int?[] { -45 }.AsMemory(), cancellationToken: cancel);
                await group.WriteAsync<float>(Share, new float[] { 1_000_000f }.AsMemory(), cancellationToken: cancel);
                await group.WriteAsync(Zip, new[] { "75001" });
                await group.WriteAsync(City, new[] { "oslo" });
                await group.WriteAsync<bool>(Active, new bool?[] { false }.AsMemory(), cancellationToken: cancel);
            }
        }

        return path;
    }
}
