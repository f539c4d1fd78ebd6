using System.Net.Http.Json;
using System.Text.Json;
using AiMaas.Core.Batch;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Support;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.IntegrationTests;

/// <summary>A batch job whose queue message is used up ends failed with the reason; it never stays queued or running.</summary>
[TestClass]
public sealed class PoisonedBatchJobTests
{
    private const int MaxDequeueCount = 5;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task LastAttemptKilled_MessagePoisoned_JobEndsFailedWithTheReason()
    {
        var queueName = "it-bp-" + Guid.NewGuid().ToString("N")[..12];
        var jobId = "poisoned-" + Guid.NewGuid().ToString("N")[..12];
        var died = DateTimeOffset.UtcNow.AddMinutes(-11);

        // What five killed attempts leave behind: the job running in its last attempt, silent since it died...
        await Platform.Services.GetRequiredService<BatchStore>().SaveAsync(
            Job(jobId, JobStatus.Running, input: "batch/none.csv") with { Attempts = MaxDequeueCount, StartedAt = died.AddMinutes(-3), UpdatedAt = died, LastAliveAt = died, RowsScored = 300_000 },
            Token);

        // ...and its message, delivered five times and never settled, due back once more.
        var queue = new QueueClient(Platform.StorageConnectionString, queueName);
        await queue.CreateAsync(cancellationToken: Token);
        await queue.SendMessageAsync(JsonSerializer.Serialize(new BatchMessage(jobId), Platform.Json), Token);
        for (var delivery = 1; delivery <= MaxDequeueCount; delivery++)
        {
            Assert.AreEqual(delivery, await KilledWorker.ReceiveUnsettledAsync(queue, Token));
        }

        try
        {
            await using var host = await ExtraHost.StartAsync(new Dictionary<string, string?> { [BatchOptions.ScoringQueueSetting] = queueName }, Token);
            var job = await WaitForFinishedAsync(host.Client, jobId);

            Assert.AreEqual(JobStatus.Failed, job.Status);
            StringAssert.Contains(job.Error, $"Attempt {MaxDequeueCount} of {MaxDequeueCount} ended without a result after 300000 rows");
            StringAssert.Contains(job.Error, $"'{queueName}-poison'");
            Assert.IsNotNull(job.CompletedAt);
            Assert.AreEqual(300_000, job.RowsScored, "what was committed stays counted");
        }
        finally
        {
            await queue.DeleteIfExistsAsync(CancellationToken.None);
            await new QueueClient(Platform.StorageConnectionString, queueName + "-poison").DeleteIfExistsAsync(CancellationToken.None);
        }
    }

    [TestMethod]
    public async Task EveryAttemptThrows_TheLastOneFailsTheJobWithTheReason()
    {
        var store = Platform.Services.GetRequiredService<BatchStore>();
        var runner = Platform.Services.GetRequiredService<BatchJobRunner>();
        var (_, _, iris) = await ProtocolModels.GetAsync(Token);
        var jobId = "throws-" + Guid.NewGuid().ToString("N")[..12];
        // The input blob was deleted after the job was accepted: reading it fails unexpectedly, on every delivery.
        await store.SaveAsync(Job(jobId, JobStatus.Queued, input: $"batch/{Guid.NewGuid():N}/deleted.csv") with { Model = iris }, Token);
        var message = JsonSerializer.Serialize(new BatchMessage(jobId), Platform.Json);

        for (var delivery = 1; delivery < MaxDequeueCount; delivery++)
        {
            await Assert.ThrowsAsync<RequestFailedException>(() => runner.RunAsync(message, delivery, MaxDequeueCount, progress: null, Token));
            var retried = (await store.GetAsync(jobId, Token))!;
            Assert.AreEqual(JobStatus.Queued, retried.Status, "queued again for the next delivery");
            StringAssert.Contains(retried.Error, $"Attempt {delivery} of {MaxDequeueCount} failed");
        }

        await Assert.ThrowsAsync<RequestFailedException>(() => runner.RunAsync(message, MaxDequeueCount, MaxDequeueCount, progress: null, Token));
        var job = (await store.GetAsync(jobId, Token))!;
        Assert.AreEqual(JobStatus.Failed, job.Status);
        StringAssert.Contains(job.Error, $"Attempt {MaxDequeueCount} of {MaxDequeueCount} failed");
        Assert.IsNotNull(job.CompletedAt);

        // A delivery past the limit (a host with a higher one) ends an open job instead of running it again.
        var other = "over-" + Guid.NewGuid().ToString("N")[..12];
        await store.SaveAsync(Job(other, JobStatus.Running, input: "batch/none.csv"), Token);
        await runner.RunAsync(JsonSerializer.Serialize(new BatchMessage(other), Platform.Json), MaxDequeueCount + 1, MaxDequeueCount, progress: null, Token);
        var over = (await store.GetAsync(other, Token))!;
        Assert.AreEqual(JobStatus.Failed, over.Status);
        StringAssert.Contains(over.Error, "ended without a result");
    }

    private static BatchJob Job(string jobId, JobStatus status, string input)
    {
        var now = DateTimeOffset.UtcNow;
        return new BatchJob
        {
            JobId = jobId,
            Model = "poisoned-model",
            Version = 1,
            Status = status,
            Input = input,
            InputBlobs = [input],
            Outputs = BatchOutputs.For("results", "poisoned-model", jobId),
            ChunkRows = 1000,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private async Task<BatchJob> WaitForFinishedAsync(HttpClient client, string jobId)
    {
        var job = await Eventually.MatchesAsync(
            token => client.GetFromJsonAsync<BatchJob>(new Uri($"api/jobs/{jobId}", UriKind.Relative), Platform.Json, token),
            seen => seen is { IsFinished: true },
            TimeSpan.FromMinutes(1),
            Token,
            $"job {jobId} to finish");
        return job!;
    }
}
