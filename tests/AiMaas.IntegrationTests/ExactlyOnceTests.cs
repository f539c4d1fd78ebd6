using System.Text.Json;
using AiMaas.Core.Jobs;
using AiMaas.Core.Registry;
using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Support;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.IntegrationTests;

/// <summary>A training message delivered more than once (same job id) produces one version, not two.</summary>
[TestClass]
public sealed class ExactlyOnceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task SameMessageTwiceOnTheQueue_PublishesOneVersion()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("once");
        var jobId = Guid.NewGuid().ToString("N");
        var message = JsonSerializer.Serialize(new { model, csv = SampleData.Read("iris.csv"), label = "species", jobId });
        // A host with a queue of its own, so that "both deliveries are done" is "its queue is empty", whatever order
        // Azure Storage hands the two out in (it promises none).
        var queueName = "it-once-" + Guid.NewGuid().ToString("N")[..12];
        await using var host = await ExtraHost.StartAsync(new Dictionary<string, string?> { [Core.AiMaasOptions.TrainingQueueSetting] = queueName }, token);
        var queue = new QueueClient(Platform.StorageConnectionString, queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: token);

        await queue.SendMessageAsync(message, token);
        await queue.SendMessageAsync(message, token);
        var job = await Platform.WaitForJobAsync(jobId, token);
        await Eventually.TrueAsync(
            async t => (await queue.GetPropertiesAsync(t)).Value.ApproximateMessagesCount == 0, TimeSpan.FromMinutes(2), token, "both deliveries to be handled and deleted");

        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        CollectionAssert.AreEqual(new[] { 1 }, (await Registry.ListPublishedVersionsAsync(model, token)).ToArray(), "the duplicate must not have published a version of its own");
    }

    [TestMethod]
    public async Task RedeliveryAfterACrashMidJob_ReusesTheReservedVersion()
    {
        var token = TestContext.CancellationToken;
        var runner = Platform.Services.GetRequiredService<TrainingJobRunner>();
        var jobs = Platform.Services.GetRequiredService<JobStore>();
        var model = Platform.UniqueName("once");
        var jobId = Guid.NewGuid().ToString("N");
        var body = JsonSerializer.Serialize(new { model, csv = SampleData.Read("iris.csv"), label = "species", jobId });
        await runner.RunAsync(new TrainingMessage(body, "first", 1, 5), token);

        // The instance "died" before recording success: the job still says running when the message comes back.
        var finished = (await jobs.GetAsync(jobId, token))!;
        await jobs.SaveAsync(finished with { Status = JobStatus.Running, Version = null, CompletedAt = null }, token);
        var outcome = await runner.RunAsync(new TrainingMessage(body, "first", 2, 5), token);

        Assert.AreEqual(TrainingOutcome.Succeeded, outcome);
        Assert.AreEqual(finished.Version, (await jobs.GetAsync(jobId, token))!.Version);
        CollectionAssert.AreEqual(new[] { 1 }, (await Registry.ListPublishedVersionsAsync(model, token)).ToArray());
    }

    [TestMethod]
    public async Task TwoConcurrentDeliveries_PublishOneVersion()
    {
        var token = TestContext.CancellationToken;
        var runner = Platform.Services.GetRequiredService<TrainingJobRunner>();
        var model = Platform.UniqueName("once");
        var body = JsonSerializer.Serialize(new { model, csv = SampleData.Read("iris.csv"), label = "species", jobId = Guid.NewGuid().ToString("N") });

        await Task.WhenAll(
            Task.Run(() => runner.RunAsync(new TrainingMessage(body, "m", 1, 5), token), token),
            Task.Run(() => runner.RunAsync(new TrainingMessage(body, "m", 2, 5), token), token));

        Assert.HasCount(1, await Registry.ListPublishedVersionsAsync(model, token));
    }

    private static ModelRegistry Registry => Platform.Services.GetRequiredService<ModelRegistry>();
}
