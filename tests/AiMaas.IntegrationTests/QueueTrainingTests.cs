using System.Text.Json;
using AiMaas.Core.Vocabulary;
using Azure.Storage.Queues;

namespace AiMaas.IntegrationTests;

/// <summary>Users may drop a message on the training queue with any storage tool; plain and base64 bodies must both train.</summary>
[TestClass]
public sealed class QueueTrainingTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(QueueMessageEncoding.None, DisplayName = "plain JSON")]
    [DataRow(QueueMessageEncoding.Base64, DisplayName = "base64 JSON")]
    public async Task MessageOnQueue_PlainOrBase64_TrainsAServableVersion(QueueMessageEncoding encoding)
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("q-iris");
        var dataset = $"it/{model}.csv";
        await Api.PutDatasetAsync(dataset, SampleData.Read("iris.csv"), token);
        var jobId = Guid.NewGuid().ToString("N");
        var message = JsonSerializer.Serialize(new { model, dataset, label = "species", jobId });

        await Platform.TrainingQueue(encoding).SendMessageAsync(message, token);
        var job = await Platform.WaitForJobAsync(jobId, token);

        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        var (status, body) = await Api.PostAsync($"api/models/{model}/predict", $$"""{"instances":[{{SampleData.IrisInstance}}]}""", token);
        Assert.AreEqual(System.Net.HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual("setosa", body.GetProperty("predictions")[0].GetProperty("label").GetString());
    }

    [TestMethod]
    public async Task MessageWithoutJobId_UsesTheQueueMessageIdAsJobId()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("q-nojob");
        var csv = SampleData.Read("iris.csv");
        var message = JsonSerializer.Serialize(new { model, csv, label = "species" });

        var receipt = await Platform.TrainingQueue(QueueMessageEncoding.None).SendMessageAsync(message, token);
        var job = await Platform.WaitForJobAsync(receipt.Value.MessageId, token);

        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        Assert.AreEqual(model, job.Model);
    }
}
