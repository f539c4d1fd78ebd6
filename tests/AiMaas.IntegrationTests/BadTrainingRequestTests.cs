using System.Net;
using System.Text.Json;
using AiMaas.Core.Jobs;
using AiMaas.Core.Vocabulary;
using Azure.Storage.Queues;

namespace AiMaas.IntegrationTests;

/// <summary>A bad request ends its job as failed with a clear error, once, without retries and without reaching the poison queue.</summary>
[TestClass]
public sealed class BadTrainingRequestTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task UnknownDataset_FailsOnceWithoutPoisoning()
    {
        var job = await SendAsync(new { model = Platform.UniqueName("bad"), dataset = "it/does-not-exist.csv", label = "y" });

        Assert.AreEqual(JobStatus.Failed, job.Status);
        StringAssert.Contains(job.Error, "it/does-not-exist.csv");
        Assert.AreEqual(1, job.Attempts);
        await AssertNotPoisonedAsync(job.JobId);
    }

    [TestMethod]
    public async Task MissingLabelColumn_FailsNamingTheColumns()
    {
        var job = await SendAsync(new { model = Platform.UniqueName("bad"), csv = SampleData.Read("iris.csv"), label = "colour" });

        Assert.AreEqual(JobStatus.Failed, job.Status);
        StringAssert.Contains(job.Error, "'colour'");
        StringAssert.Contains(job.Error, "'species'");
        Assert.AreEqual(1, job.Attempts);
    }

    [TestMethod]
    public async Task MalformedCsv_FailsNamingTheRow()
    {
        var job = await SendAsync(new { model = Platform.UniqueName("bad"), csv = "a,b,y\n1,2,3\n4,5\n", label = "y" });

        Assert.AreEqual(JobStatus.Failed, job.Status);
        StringAssert.Contains(job.Error, "Row 3");
    }

    [TestMethod]
    public async Task RegressionOnTextLabel_FailsSayingWhy()
    {
        var job = await SendAsync(new { model = Platform.UniqueName("bad"), csv = SampleData.Read("iris.csv"), label = "species", task = "regression" });

        Assert.AreEqual(JobStatus.Failed, job.Status);
        StringAssert.Contains(job.Error, "numeric label");
    }

    [TestMethod]
    public async Task NotJson_FailsTheJobKeyedByMessageId()
    {
        var token = TestContext.CancellationToken;
        var receipt = await Platform.TrainingQueue(QueueMessageEncoding.None).SendMessageAsync("train iris please", token);

        var job = await Platform.WaitForJobAsync(receipt.Value.MessageId, token);

        Assert.AreEqual(JobStatus.Failed, job.Status);
        StringAssert.Contains(job.Error, "neither JSON nor base64");
        await AssertNotPoisonedAsync("train iris please");
    }

    [TestMethod]
    public async Task TrainOverHttp_InvalidFields_Returns400NamingEachField()
    {
        var (status, body) = await Api.PostAsync(
            "api/models/iris-http/train", """{"task":"clustering","trainer":"magic"}""", TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        var errors = body.GetProperty("errors");
        Assert.IsTrue(errors.TryGetProperty("label", out _), body.ToString());
        Assert.IsTrue(errors.TryGetProperty("dataset", out _), body.ToString());
        Assert.IsTrue(errors.TryGetProperty("task", out _), body.ToString());
        Assert.IsTrue(errors.TryGetProperty("trainer", out _), body.ToString());
    }

    [TestMethod]
    public async Task TrainOverHttp_MalformedJson_Returns400()
    {
        var (status, body) = await Api.PostAsync("api/models/iris-http/train", "{\"dataset\":", TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        StringAssert.Contains(body.GetProperty("detail").GetString(), "malformed JSON");
    }

    private async Task<JobRecord> SendAsync(object request)
    {
        var jobId = Guid.NewGuid().ToString("N");
        var json = JsonSerializer.SerializeToNode(request)!.AsObject();
        json["jobId"] = jobId;
        await Platform.TrainingQueue(QueueMessageEncoding.None).SendMessageAsync(json.ToJsonString(), TestContext.CancellationToken);
        return await Platform.WaitForJobAsync(jobId, TestContext.CancellationToken);
    }

    private async Task AssertNotPoisonedAsync(string marker)
    {
        var poison = new QueueClient(Platform.StorageConnectionString, Platform.TrainingQueueName + "-poison");
        if (!await poison.ExistsAsync(TestContext.CancellationToken))
        {
            return;
        }

        var peeked = await poison.PeekMessagesAsync(32, TestContext.CancellationToken);
        Assert.IsFalse(peeked.Value.Any(m => m.Body.ToString().Contains(marker, StringComparison.Ordinal)), "the message reached the poison queue");
    }
}
