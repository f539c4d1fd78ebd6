using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Batch;
using AiMaas.Core.Vocabulary;
using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.IntegrationTests;

/// <summary>Batch scoring jobs: a file of rows in, predictions.csv and errors.jsonl out, each row exactly once.</summary>
[TestClass]
public sealed class BatchScoringTests
{
    private static readonly string[] Classes = ["setosa", "versicolor", "virginica"];

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task Batch_CsvWithBadRowsAndKeepColumns_WritesEveryGoodRowOnceAndTheBadRowsToErrors()
    {
        var (_, _, iris) = await ProtocolModels.GetAsync(Token);
        var input = $"batch/{Guid.NewGuid():N}/rows.csv";
        var bad = new HashSet<int> { 7, 500, 1234, 2000, 2999 };
        await UploadAsync(input, Encoding.UTF8.GetBytes(IrisCsv(3000, bad)));

        var (status, body) = await Api.PostAsync($"api/models/{iris}/batch", $$"""{"input":"{{input}}","keepColumns":["id","note"],"errorThreshold":100}""", Token);
        Assert.AreEqual(HttpStatusCode.Accepted, status, body.ToString());
        var job = await Api.WaitForBatchAsync(iris, body.GetProperty("jobId").GetString()!, Token);

        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        Assert.AreEqual(2995, job.RowsScored);
        Assert.AreEqual(5, job.RowsFailed);
        Assert.IsNotNull(job.DurationSeconds);
        Assert.IsNotNull(job.RowsPerSecond);
        var lines = (await DownloadAsync(job.Outputs.Predictions)).TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        CollectionAssert.AreEqual(new[] { "id", "note", "label" }, header[..3]);
        CollectionAssert.AreEquivalent(Classes.Select(c => "probability_" + c).ToArray(), header[3..], "a probability per class, in the model's class order");
        var ids = lines.Skip(1).Select(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(1, 3000).Where(i => !bad.Contains(i)).ToArray(), ids, "each good row once, in input order");
        StringAssert.StartsWith(lines[3], "3,'=HYPERLINK(1),", "a text value that a spreadsheet would run is escaped");
        StringAssert.StartsWith(lines[2], "2,-1.5,", "a number is not escaped");
        Assert.IsTrue(lines.Skip(1).All(l => Classes.Contains(l.Split(',')[2])));

        var errors = (await DownloadAsync(job.Outputs.Errors)).TrimEnd('\n').Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        CollectionAssert.AreEqual(bad.Order().Select(b => (long)b).ToArray(), errors.Select(e => e.GetProperty("row").GetInt64()).ToArray());
        StringAssert.Contains(errors[0].GetProperty("error").GetString(), "sepal_length");
    }

    [TestMethod]
    public async Task GetJob_FinishedBatchJob_ShowsItWithItsFinalCountsLikeATrainingJob()
    {
        var (_, _, iris) = await ProtocolModels.GetAsync(Token);
        var input = $"batch/{Guid.NewGuid():N}/rows.csv";
        await UploadAsync(input, Encoding.UTF8.GetBytes(IrisCsv(400, [3, 4])));
        var (status, body) = await Api.PostAsync($"api/models/{iris}/batch", $$"""{"input":"{{input}}","keepColumns":["id"]}""", Token);
        Assert.AreEqual(HttpStatusCode.Accepted, status, body.ToString());
        var jobId = body.GetProperty("jobId").GetString()!;
        await Api.WaitForBatchAsync(iris, jobId, Token);

        var (jobStatus, job) = await Api.GetAsync($"api/jobs/{jobId}", Token);
        var (unknown, _) = await Api.GetAsync($"api/jobs/no-such-{Guid.NewGuid():N}", Token);

        Assert.AreEqual(HttpStatusCode.OK, jobStatus, job.ToString());
        Assert.AreEqual("batch", job.GetProperty("kind").GetString());
        Assert.AreEqual("succeeded", job.GetProperty("status").GetString());
        Assert.AreEqual(iris, job.GetProperty("model").GetString());
        Assert.AreEqual(398, job.GetProperty("rowsScored").GetInt64());
        Assert.AreEqual(2, job.GetProperty("rowsFailed").GetInt64());
        Assert.AreEqual(400, job.GetProperty("rowsDone").GetInt64());
        Assert.IsTrue(job.TryGetProperty("durationSeconds", out _));
        Assert.IsTrue(job.TryGetProperty("completedAt", out _));
        Assert.AreEqual($"{iris}/{jobId}/predictions.csv", job.GetProperty("outputs").GetProperty("predictions").GetString());
        Assert.AreEqual(400, job.GetProperty("progress").GetProperty("rowsRead").GetInt64());
        Assert.AreEqual(HttpStatusCode.NotFound, unknown);
    }

    [TestMethod]
    public async Task Batch_GzippedJsonLinesForAVersion_ScoresEveryRow()
    {
        var (_, _, iris) = await ProtocolModels.GetAsync(Token);
        var input = $"batch/{Guid.NewGuid():N}/rows.jsonl.gz";
        using var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            var text = string.Concat(Enumerable.Range(1, 1500).Select(i =>
                $$"""{"id":{{i}},"sepal_length":5.1,"sepal_width":3.5,"petal_length":{{(i % 2 == 0 ? "1.4" : "5.6")}},"petal_width":{{(i % 2 == 0 ? "0.2" : "2.1")}}}""" + "\n"));
            zip.Write(Encoding.UTF8.GetBytes(text));
        }

        await UploadAsync(input, gz.ToArray());
        var (status, body) = await Api.PostAsync($"api/models/{iris}/versions/1/batch", $$"""{"input":"{{input}}","keepColumns":["id"]}""", Token);
        Assert.AreEqual(HttpStatusCode.Accepted, status, body.ToString());
        var job = await Api.WaitForBatchAsync(iris, body.GetProperty("jobId").GetString()!, Token);

        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        Assert.AreEqual(1500, job.RowsScored);
        var lines = (await DownloadAsync(job.Outputs.Predictions)).TrimEnd('\n').Split('\n');
        Assert.AreEqual(1501, lines.Length);
        Assert.AreEqual("setosa", lines[2].Split(',')[1]);
    }

    [TestMethod]
    public async Task Batch_MoreBadRowsThanTheThreshold_FailsTheJob()
    {
        var (_, _, iris) = await ProtocolModels.GetAsync(Token);
        var input = $"batch/{Guid.NewGuid():N}/rows.csv";
        await UploadAsync(input, Encoding.UTF8.GetBytes(IrisCsv(100, [1, 2, 3, 4])));

        var (status, body) = await Api.PostAsync($"api/models/{iris}/aliases/current/batch", $$"""{"input":"{{input}}","errorThreshold":3}""", Token);
        Assert.AreEqual(HttpStatusCode.Accepted, status, body.ToString());
        var job = await Api.WaitForBatchAsync(iris, body.GetProperty("jobId").GetString()!, Token);

        Assert.AreEqual(JobStatus.Failed, job.Status);
        StringAssert.Contains(job.Error, "errorThreshold");
        Assert.AreEqual(4, job.RowsFailed);
    }

    [TestMethod]
    public async Task Batch_KilledHalfWayAndRedelivered_WritesEachRowExactlyOnce()
    {
        var (_, _, iris) = await ProtocolModels.GetAsync(Token);
        var input = $"batch/{Guid.NewGuid():N}/rows.csv";
        var bad = new HashSet<int> { 10, 650, 1999 };
        await UploadAsync(input, Encoding.UTF8.GetBytes(IrisCsv(2000, bad)));
        var store = Platform.Services.GetRequiredService<BatchStore>();
        var runner = Platform.Services.GetRequiredService<BatchJobRunner>();
        var jobId = "crash-" + Guid.NewGuid().ToString("N")[..12];
        var now = DateTimeOffset.UtcNow;

        // Recorded directly, not queued, so that this test plays the queue: one delivery killed after 3 chunks, then a redelivery.
        await store.SaveAsync(new BatchJob
        {
            JobId = jobId,
            Model = iris,
            Version = 1,
            Status = JobStatus.Queued,
            Input = input,
            InputBlobs = [input],
            KeepColumns = ["id"],
            ErrorThreshold = -1,
            Outputs = BatchOutputs.For("results", iris, jobId),
            ChunkRows = 300,
            CreatedAt = now,
            UpdatedAt = now,
        }, Token);
        var message = JsonSerializer.Serialize(new BatchMessage(jobId), Platform.Json);
        using var kill = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var killAfterThreeChunks = new KillSwitch(kill, chunks: 3);

        await Assert.ThrowsAsync<OperationCanceledException>(() => runner.RunAsync(message, 1, 5, killAfterThreeChunks, kill.Token));
        var halfWay = await store.GetAsync(jobId, Token);
        Assert.AreEqual(JobStatus.Running, halfWay!.Status);
        Assert.AreEqual(900, halfWay.RowsDone);
        var (runningStatus, running) = await Api.GetAsync($"api/jobs/{jobId}", Token);
        Assert.AreEqual(HttpStatusCode.OK, runningStatus, running.ToString());
        Assert.AreEqual("batch", running.GetProperty("kind").GetString());
        Assert.AreEqual("running", running.GetProperty("status").GetString());
        Assert.AreEqual("scoring", running.GetProperty("progress").GetProperty("stage").GetString());
        Assert.AreEqual(900, running.GetProperty("progress").GetProperty("rowsRead").GetInt64(), "rows done so far, as GET /api/jobs shows it");
        Assert.IsGreaterThan(0, running.GetProperty("progress").GetProperty("rowsPerSecond").GetDouble());

        await runner.RunAsync(message, 2, 5, progress: null, Token);

        var job = (await store.GetAsync(jobId, Token))!;
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        Assert.AreEqual(1997, job.RowsScored);
        Assert.AreEqual(3, job.RowsFailed);
        Assert.AreEqual(2, job.Attempts);
        var ids = (await DownloadAsync(job.Outputs.Predictions)).TrimEnd('\n').Split('\n').Skip(1)
            .Select(l => int.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).ToArray();
        CollectionAssert.AreEqual(Enumerable.Range(1, 2000).Where(i => !bad.Contains(i)).ToArray(), ids);
        var errorRows = (await DownloadAsync(job.Outputs.Errors)).TrimEnd('\n').Split('\n')
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("row").GetInt64()).ToArray();
        CollectionAssert.AreEqual(new long[] { 10, 650, 1999 }, errorRows);
    }

    [TestMethod]
    public async Task Submit_BadRequests_AreProblemsNamingTheField()
    {
        var (_, _, iris) = await ProtocolModels.GetAsync(Token);

        var (missing, missingBody) = await Api.PostAsync($"api/models/{iris}/batch", """{"input":"no/such/input.csv"}""", Token);
        var (threshold, thresholdBody) = await Api.PostAsync($"api/models/{iris}/batch", """{"input":"x.csv","errorThreshold":-2}""", Token);
        var (model, _) = await Api.PostAsync("api/models/no-such-batch-model/batch", """{"input":"x.csv"}""", Token);
        var (job, _) = await Api.GetAsync($"api/models/{iris}/batch/no-such-job", Token);

        Assert.AreEqual(HttpStatusCode.NotFound, missing, missingBody.ToString());
        StringAssert.Contains(missingBody.GetProperty("detail").GetString(), "input");
        Assert.AreEqual(HttpStatusCode.BadRequest, threshold);
        Assert.IsTrue(thresholdBody.GetProperty("errors").TryGetProperty("errorThreshold", out _));
        Assert.AreEqual(HttpStatusCode.NotFound, model);
        Assert.AreEqual(HttpStatusCode.NotFound, job);
    }

    /// <summary>Iris-like rows with an id and a free-text note; rows in <paramref name="bad"/> have a sepal length that is not a number.</summary>
    private static string IrisCsv(int rows, HashSet<int> bad)
    {
        var csv = new StringBuilder("id,sepal_length,sepal_width,petal_length,petal_width,note\n");
        for (var i = 1; i <= rows; i++)
        {
            var note = i switch { 2 => "-1.5", 3 => "=HYPERLINK(1)", _ => "n" + i.ToString(CultureInfo.InvariantCulture) };
            var sepal = bad.Contains(i) ? "abc" : "5.1";
            csv.Append(CultureInfo.InvariantCulture, $"{i},{sepal},3.5,{(i % 2 == 0 ? "1.4" : "5.6")},{(i % 2 == 0 ? "0.2" : "2.1")},{note}\n");
        }

        return csv.ToString();
    }

    private async Task UploadAsync(string name, byte[] bytes) =>
        await Platform.Container("datasets").GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true, Token);

    private async Task<string> DownloadAsync(string name) =>
        (await Platform.Container("results").GetBlobClient(name).DownloadContentAsync(Token)).Value.Content.ToString();


    /// <summary>Plays a process killed mid-job: cancels the run as soon as the given number of chunks is committed.</summary>
    private sealed class KillSwitch(CancellationTokenSource kill, int chunks) : IProgress<BatchJob>
    {
        private int _seen;

        public void Report(BatchJob value)
        {
            if (++_seen == chunks)
            {
                kill.Cancel();
            }
        }
    }
}
