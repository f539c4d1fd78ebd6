using System.Globalization;
using System.Net;
using System.Text;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Support;

namespace AiMaas.IntegrationTests;

/// <summary>Drift: training records per-feature statistics; logged inputs are compared with them.</summary>
[TestClass]
public sealed class DriftTests
{
    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task Drift_HeldOutRowsThenShiftedRows_IsStableThenDrifted()
    {
        var random = new Random(12);
        var model = Platform.UniqueName("drift");
        var training = new StringBuilder("size,rooms,area,price\n");
        foreach (var (size, rooms, area) in Rows(random, 1000, shifted: false))
        {
            training.Append(CultureInfo.InvariantCulture, $"{size},{rooms},{area},{(size * 3) + (rooms * 10) + (area == "north" ? 50 : 0) + random.NextDouble()}\n");
        }

        var job = await Api.TrainAsync(model, new { csv = training.ToString(), label = "price" }, Token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        var (_, manifest) = await Api.GetAsync($"api/models/{model}/versions/1", Token);
        var sizeStatistics = manifest.GetProperty("featureStatistics").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "size");
        Assert.IsGreaterThanOrEqualTo(5, sizeStatistics.GetProperty("edges").GetArrayLength());
        var (status, body, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/logging", """{"enabled": true}""", Token);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());

        var heldOutFrom = DateTimeOffset.UtcNow.AddSeconds(-1);
        await PredictAsync(model, Rows(random, 600, shifted: false));
        await PredictionLogSupport.WaitForRecordsAsync(model, 12, Token);
        var shiftedFrom = DateTimeOffset.UtcNow;
        await PredictAsync(model, Rows(random, 600, shifted: true));
        await PredictionLogSupport.WaitForRecordsAsync(model, 24, Token);

        var stable = await DriftAsync(model, heldOutFrom, shiftedFrom);
        var drifted = await DriftAsync(model, shiftedFrom, DateTimeOffset.UtcNow.AddSeconds(5));

        Assert.AreEqual(600, stable.GetProperty("rows").GetInt64(), stable.ToString());
        foreach (var feature in stable.GetProperty("features").EnumerateArray())
        {
            Assert.AreEqual("stable", feature.GetProperty("verdict").GetString(), feature.ToString());
        }

        var features = drifted.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.AreEqual("drifted", features["size"].GetProperty("verdict").GetString(), features["size"].ToString());
        Assert.AreEqual("stable", features["rooms"].GetProperty("verdict").GetString(), features["rooms"].ToString());
        Assert.AreEqual("drifted", features["area"].GetProperty("verdict").GetString(), features["area"].ToString());
        Assert.IsGreaterThan(0.2, features["area"].GetProperty("unseenShare").GetDouble(), "the new category was never seen in training");
    }

    [TestMethod]
    public async Task BatchDrift_HeldOutRowsThenShiftedRows_IsStableThenDrifted()
    {
        var random = new Random(34);
        var model = Platform.UniqueName("bdrift");
        var job = await Api.TrainAsync(model, new { csv = Csv(Rows(random, 1000, shifted: false), withPrice: true), label = "price" }, Token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        var heldOut = await ScoreBatchAsync(model, Csv(Rows(random, 2000, shifted: false), withPrice: false));
        var shifted = await ScoreBatchAsync(model, Csv(Rows(random, 2000, shifted: true), withPrice: false));

        var (stableStatus, stable) = await Api.GetAsync($"api/models/{model}/batch/{heldOut}/drift", Token);
        var (driftedStatus, drifted) = await Api.GetAsync($"api/models/{model}/batch/{shifted}/drift", Token);
        var (unknown, _) = await Api.GetAsync($"api/models/{model}/batch/no-such-job/drift", Token);

        Assert.AreEqual(HttpStatusCode.OK, stableStatus, stable.ToString());
        Assert.AreEqual(heldOut, stable.GetProperty("batchJob").GetString());
        Assert.AreEqual(2000, stable.GetProperty("rows").GetInt64(), stable.ToString());
        foreach (var feature in stable.GetProperty("features").EnumerateArray())
        {
            Assert.AreEqual("stable", feature.GetProperty("verdict").GetString(), feature.ToString());
        }

        Assert.AreEqual(HttpStatusCode.OK, driftedStatus, drifted.ToString());
        var features = drifted.GetProperty("features").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        Assert.AreEqual("drifted", features["size"].GetProperty("verdict").GetString(), features["size"].ToString());
        Assert.AreEqual("stable", features["rooms"].GetProperty("verdict").GetString(), features["rooms"].ToString());
        Assert.AreEqual("drifted", features["area"].GetProperty("verdict").GetString(), features["area"].ToString());
        Assert.IsGreaterThan(0.2, features["area"].GetProperty("unseenShare").GetDouble());
        Assert.AreEqual(HttpStatusCode.NotFound, unknown);
    }

    [TestMethod]
    public async Task Drift_UploadedOrUnknown_AreProblems()
    {
        var (missing, _) = await Api.GetAsync("api/models/no-such-drift-model/drift", Token);
        var (badVersion, _) = await Api.GetAsync("api/models/no-such-drift-model/drift?version=x", Token);

        Assert.AreEqual(HttpStatusCode.NotFound, missing);
        Assert.AreEqual(HttpStatusCode.BadRequest, badVersion);
    }

    /// <summary>Size uniform on 50..150 (shifted: 150..250), rooms 1..5, area among three (shifted: mostly a fourth, new one).</summary>
    private static IEnumerable<(double Size, int Rooms, string Area)> Rows(Random random, int count, bool shifted)
    {
        string[] areas = ["north", "south", "east"];
        for (var i = 0; i < count; i++)
        {
            var size = Math.Round(50 + (random.NextDouble() * 100) + (shifted ? 100 : 0), 2);
            var area = shifted && random.NextDouble() < 0.6 ? "harbour" : areas[random.Next(areas.Length)];
            yield return (size, random.Next(1, 6), area);
        }
    }

    private static string Csv(IEnumerable<(double Size, int Rooms, string Area)> rows, bool withPrice)
    {
        var csv = new StringBuilder(withPrice ? "size,rooms,area,price\n" : "size,rooms,area\n");
        foreach (var (size, rooms, area) in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{size},{rooms},{area}");
            csv.Append(withPrice ? string.Create(CultureInfo.InvariantCulture, $",{(size * 3) + (rooms * 10) + (area == "north" ? 50 : 0)}\n") : "\n");
        }

        return csv.ToString();
    }

    /// <summary>Uploads the rows to the datasets container, scores them in a batch job and returns its id once it has finished.</summary>
    private async Task<string> ScoreBatchAsync(string model, string csv)
    {
        var input = $"drift/{Guid.NewGuid():N}.csv";
        await Platform.Container("datasets").GetBlobClient(input).UploadAsync(BinaryData.FromString(csv), overwrite: true, Token);
        var (status, body) = await Api.PostAsync($"api/models/{model}/batch", $$"""{"input":"{{input}}"}""", Token);
        Assert.AreEqual(HttpStatusCode.Accepted, status, body.ToString());
        var jobId = body.GetProperty("jobId").GetString()!;
        var job = await Eventually.MatchesAsync(
            async token =>
            {
                var (jobStatus, record) = await Api.GetAsync($"api/jobs/{jobId}", token);
                Assert.AreEqual(HttpStatusCode.OK, jobStatus, record.ToString());
                return record;
            },
            record => record.GetProperty("status").GetString() is "succeeded" or "failed",
            TimeSpan.FromMinutes(2),
            Token,
            $"batch job {jobId} to finish");
        Assert.AreEqual("succeeded", job.GetProperty("status").GetString(), job.ToString());
        return jobId;
    }

    private async Task PredictAsync(string model, IEnumerable<(double Size, int Rooms, string Area)> rows)
    {
        foreach (var batch in rows.Chunk(50))
        {
            var instances = string.Join(',', batch.Select(r => string.Create(CultureInfo.InvariantCulture, $$"""{"size":{{r.Size}},"rooms":{{r.Rooms}},"area":"{{r.Area}}"}""")));
            var (status, body) = await Api.PostAsync($"api/models/{model}/predict", $$"""{"instances":[{{instances}}]}""", Token);
            Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        }
    }

    private async Task<System.Text.Json.JsonElement> DriftAsync(string model, DateTimeOffset from, DateTimeOffset to)
    {
        var (status, body) = await Api.GetAsync(
            $"api/models/{model}/drift?from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}", Token);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        return body;
    }
}
