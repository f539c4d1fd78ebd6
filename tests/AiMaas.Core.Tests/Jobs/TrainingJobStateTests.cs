using System.Collections.Concurrent;
using System.Text.Json;
using AiMaas.Core.Jobs;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiMaas.Core.Tests.Jobs;

/// <summary>
/// A training job's states as stored, through the core's own services over in-memory storage: what each delivery of a
/// queue message writes, that a job yields one version however often it is delivered, and what a failed attempt leaves.
/// </summary>
[TestClass]
public sealed class TrainingJobStateTests
{
    private const int MaxDequeueCount = 5;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task RunAsync_GoodRequest_RunningThenSucceededWithVersionOne()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        var writes = RecordJobWrites(platform);
        using var instance = platform.Instance();

        var outcome = await Runner(instance).RunAsync(Message("job-a", dequeueCount: 1), Token);

        Assert.AreEqual(TrainingOutcome.Succeeded, outcome);
        var statuses = writes.Select(w => w.Status).ToArray();
        Assert.AreEqual(JobStatus.Running, statuses[0]);
        Assert.AreEqual(JobStatus.Succeeded, statuses[^1]);
        Assert.IsTrue(statuses[..^1].All(s => s == JobStatus.Running), string.Join(" → ", statuses));
        var job = (await Jobs(instance).GetAsync("job-a", Token))!;
        Assert.AreEqual(1, job.Version);
        Assert.AreEqual(1, job.Attempts);
        Assert.IsNotNull(job.CompletedAt);
    }

    [TestMethod]
    public async Task RunAsync_DeliveredAgainAfterSuccess_AlreadyFinishedAndNothingWritten()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        using var instance = platform.Instance();
        Assert.AreEqual(TrainingOutcome.Succeeded, await Runner(instance).RunAsync(Message("job-a", dequeueCount: 1), Token));
        var writes = RecordJobWrites(platform);

        var outcome = await Runner(instance).RunAsync(Message("job-a", dequeueCount: 2), Token);

        Assert.AreEqual(TrainingOutcome.AlreadyFinished, outcome);
        Assert.IsEmpty(writes);
        CollectionAssert.AreEqual(new[] { 1 }, (await platform.Registry().ListPublishedVersionsAsync("iris", Token)).ToArray());
    }

    [TestMethod]
    public async Task RunAsync_TwoInstancesRunTheSameJobAtOnce_ExactlyOneVersion()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        using var first = platform.Instance();
        using var second = platform.Instance();

        var outcomes = await Task.WhenAll(
            Task.Run(() => Runner(first).RunAsync(Message("job-a", dequeueCount: 1), Token), Token),
            Task.Run(() => Runner(second).RunAsync(Message("job-a", dequeueCount: 2), Token), Token));

        Assert.IsTrue(outcomes.All(o => o is TrainingOutcome.Succeeded or TrainingOutcome.AlreadyFinished), string.Join(", ", outcomes));
        var published = await platform.Registry().ListPublishedVersionsAsync("iris", Token);
        Assert.HasCount(1, published);
        var job = (await Jobs(first).GetAsync("job-a", Token))!;
        Assert.AreEqual(JobStatus.Succeeded, job.Status);
        Assert.AreEqual(published[0], job.Version);
    }

    [TestMethod]
    public async Task RunAsync_StorageFailsWhileWritingTheVersion_QueuedForRetryThenOneVersionOnRedelivery()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        var failures = 0;
        platform.Blobs.BeforeRequest = (request, _) =>
            request is { Method: "PUT", Blob: "iris/1/manifest.json" } && Interlocked.Increment(ref failures) == 1
                ? throw new InjectedFaultException()
                : Task.CompletedTask;
        using var instance = platform.Instance();

        await Assert.ThrowsExactlyAsync<InjectedFaultException>(() => Runner(instance).RunAsync(Message("job-a", dequeueCount: 1), Token));
        var afterFailure = (await Jobs(instance).GetAsync("job-a", Token))!;
        Assert.IsNull(await platform.Registry().GetManifestAsync("iris", 1, Token), "no manifest, so the half-written version does not exist");

        var outcome = await Runner(instance).RunAsync(Message("job-a", dequeueCount: 2), Token);

        Assert.AreEqual(JobStatus.Queued, afterFailure.Status);
        StringAssert.Contains(afterFailure.Error, "Attempt 1 of 5 failed");
        Assert.AreEqual(TrainingOutcome.Succeeded, outcome);
        var job = (await Jobs(instance).GetAsync("job-a", Token))!;
        Assert.AreEqual(JobStatus.Succeeded, job.Status);
        Assert.AreEqual(2, job.Attempts);
        Assert.AreEqual(1, job.Version, "the redelivery publishes the number the first attempt reserved");
        CollectionAssert.AreEqual(new[] { 1 }, (await platform.Registry().ListPublishedVersionsAsync("iris", Token)).ToArray());
    }

    [TestMethod]
    public async Task RunAsync_LastAttemptFails_JobFailed()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        platform.Blobs.BeforeRequest = (request, _) =>
            request is { Method: "PUT", Blob: "iris/1/manifest.json" } ? throw new InjectedFaultException() : Task.CompletedTask;
        using var instance = platform.Instance();

        await Assert.ThrowsExactlyAsync<InjectedFaultException>(() => Runner(instance).RunAsync(Message("job-a", dequeueCount: MaxDequeueCount), Token));

        var job = (await Jobs(instance).GetAsync("job-a", Token))!;
        Assert.AreEqual(JobStatus.Failed, job.Status);
        Assert.IsNotNull(job.CompletedAt);
    }

    [TestMethod]
    public async Task RunAsync_LabelNotInTheData_FailedAtOnceWithoutAVersion()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        using var instance = platform.Instance();

        var outcome = await Runner(instance).RunAsync(Message("job-a", dequeueCount: 1, label: "colour"), Token);

        Assert.AreEqual(TrainingOutcome.Rejected, outcome);
        var job = (await Jobs(instance).GetAsync("job-a", Token))!;
        Assert.AreEqual(JobStatus.Failed, job.Status);
        StringAssert.Contains(job.Error, "colour");
        Assert.IsEmpty(await platform.Registry().ListPublishedVersionsAsync("iris", Token));
    }

    private static TrainingJobRunner Runner(IHost instance) => instance.Services.GetRequiredService<TrainingJobRunner>();

    private static JobStore Jobs(IHost instance) => instance.Services.GetRequiredService<JobStore>();

    private static TrainingMessage Message(string jobId, long dequeueCount, string label = "species") =>
        new(JsonSerializer.Serialize(new { model = "iris", csv = TestData.Multiclass(), label, jobId }), "message-" + jobId, dequeueCount, MaxDequeueCount);

    /// <summary>Every job record as written, in order.</summary>
    private static ConcurrentQueue<JobRecord> RecordJobWrites(InMemoryPlatform platform)
    {
        var writes = new ConcurrentQueue<JobRecord>();
        platform.Blobs.BeforeRequest = (request, _) =>
        {
            if (request is { Method: "PUT", Container: "jobs" })
            {
                writes.Enqueue(JsonSerializer.Deserialize<JobRecord>(request.Body, AiMaasJson.Options)!);
            }

            return Task.CompletedTask;
        };
        return writes;
    }

    private sealed class InjectedFaultException() : Exception("Injected storage fault.");
}
