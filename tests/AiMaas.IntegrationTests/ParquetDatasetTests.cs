using System.Net;
using AiMaas.Core.Vocabulary;
using Parquet.Schema;
using Parquet;

namespace AiMaas.IntegrationTests;

/// <summary>Apache Parquet files as data tools write them: typed, nullable columns in several row groups, for training and for batch scoring.</summary>
[TestClass]
public sealed class ParquetDatasetTests
{
    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task Train_ParquetBlob_TrainsWithTheSchemaTypesAndDescribesIt()
    {
        var name = $"it/{Platform.UniqueName("pq")}.parquet";
        var area = new DataField<double?>("area");
        var price = new DataField<long>("price");
        var city = new DataField<string>("city");
        var y = new DataField<double>("y");
        var random = new Random(10);
        using var file = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(area, price, city, y), file, cancellationToken: Token))
        {
            for (var group = 0; group < 3; group++)
            {
                const int rows = 1_000;
                var areas = Enumerable.Range(0, rows).Select(i => i % 50 == 0 ? (double?)null : (random.NextDouble() * 9_000) - 1_000).ToArray();
                var prices = Enumerable.Range(0, rows).Select(_ => (long)(random.NextDouble() * 4_000_000) - 500_000).ToArray();
                var cities = Enumerable.Range(0, rows).Select(i => i % 40 == 0 ? null : (i % 3) switch { 0 => "lisbon", 1 => "oslo", _ => "lima" }).ToArray();
                var ys = Enumerable.Range(0, rows)
                    .Select(i => (2 * (areas[i] ?? 4_000)) + (0.001 * prices[i]) + (cities[i] == "oslo" ? 5_000 : 0) + random.NextDouble())
                    .ToArray();
                using var rowGroup = writer.CreateRowGroup();
                await rowGroup.WriteAsync<double>(area, areas.AsMemory(), cancellationToken: Token);
                await rowGroup.WriteAsync<long>(price, prices.AsMemory(), cancellationToken: Token);
                await rowGroup.WriteAsync(city, cities);
                await rowGroup.WriteAsync<double>(y, ys.AsMemory(), cancellationToken: Token);
            }
        }

        file.Position = 0;
        await Platform.Container("datasets").GetBlobClient(name).UploadAsync(file, overwrite: true, Token);

        var (status, description) = await Api.GetAsync($"api/datasets/{name}", Token);
        Assert.AreEqual(HttpStatusCode.OK, status, description.ToString());
        Assert.AreEqual(3_000, description.GetProperty("rows").GetInt64());
        var columns = description.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        Assert.AreEqual("text", columns["city"].GetProperty("type").GetString());
        Assert.AreEqual(75, columns["city"].GetProperty("missing").GetInt32());
        Assert.AreEqual(60, columns["area"].GetProperty("missing").GetInt32());

        var job = await Api.TrainAsync(Platform.UniqueName("pq"), new { dataset = name, label = "y" }, Token);

        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        Assert.AreEqual(3_000, job.Progress!.RowsRead);
        Assert.IsTrue(job.Metrics!["rSquared"] > 0.9, $"rSquared {job.Metrics["rSquared"]}");
    }

    [TestMethod]
    public async Task Batch_ParquetInput_ScoresEveryRowInOrder()
    {
        var (_, _, iris) = await ProtocolModels.GetAsync(Token);
        var input = $"batch/{Guid.NewGuid():N}/rows.parquet";
        DataField[] fields =
        [
            new DataField<int>("id"), new DataField<float>("sepal_length"), new DataField<float>("sepal_width"),
            new DataField<double>("petal_length"), new DataField<double?>("petal_width"),
        ];
        using var file = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file, cancellationToken: Token))
        {
            foreach (var chunk in Enumerable.Range(1, 2_500).Chunk(1_000))
            {
                using var rowGroup = writer.CreateRowGroup();
                await rowGroup.WriteAsync<int>(fields[0], chunk.AsMemory(), cancellationToken: Token);
                await rowGroup.WriteAsync<float>(fields[1], chunk.Select(_ => 5.1f).ToArray().AsMemory(), cancellationToken: Token);
                await rowGroup.WriteAsync<float>(fields[2], chunk.Select(_ => 3.5f).ToArray().AsMemory(), cancellationToken: Token);
                await rowGroup.WriteAsync<double>(fields[3], chunk.Select(i => i % 2 == 0 ? 1.4 : 5.6).ToArray().AsMemory(), cancellationToken: Token);
                await rowGroup.WriteAsync<double>(fields[4], chunk.Select(i => i % 2 == 0 ? 0.2 : (double?)2.1).ToArray().AsMemory(), cancellationToken: Token);
            }
        }

        await Platform.Container("datasets").GetBlobClient(input).UploadAsync(BinaryData.FromBytes(file.ToArray()), overwrite: true, Token);
        var (status, body) = await Api.PostAsync($"api/models/{iris}/batch", $$"""{"input":"{{input}}","keepColumns":["id"]}""", Token);
        Assert.AreEqual(HttpStatusCode.Accepted, status, body.ToString());
        var job = await Api.WaitForBatchAsync(iris, body.GetProperty("jobId").GetString()!, Token);

        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        Assert.AreEqual(2_500, job.RowsScored);
        Assert.AreEqual(0, job.RowsFailed);
        var lines = (await Platform.Container("results").GetBlobClient(job.Outputs.Predictions).DownloadContentAsync(Token)).Value.Content.ToString().TrimEnd('\n').Split('\n');
        CollectionAssert.AreEqual(Enumerable.Range(1, 2_500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), lines.Skip(1).Select(l => l.Split(',')[0]).ToArray());
        Assert.AreEqual("setosa", lines[2].Split(',')[1], "row 2: short petals");
        Assert.AreEqual("virginica", lines[1].Split(',')[1], "row 1: long petals");
    }
}
