using System.Net.Http.Json;
using System.Text.Json;
using AiMaas.Core;
using AiMaas.Core.Jobs;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Support;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.IntegrationTests;

/// <summary>
/// A job whose last attempt was killed (out of memory, past the function timeout) ends failed with the reason: the host
/// moves its message to the poison queue without calling the function again, and the poison queue's function fails the job.
/// </summary>
[TestClass]
public sealed class PoisonedJobTests
{
    private const int MaxDequeueCount = 5;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task LastAttemptKilled_MessagePoisoned_JobEndsFailedWithTheReason()
    {
        var token = TestContext.CancellationToken;
        var queueName = "it-p-" + Guid.NewGuid().ToString("N")[..12];
        var model = Platform.UniqueName("poison");
        var jobId = Guid.NewGuid().ToString("N");

        // What five killed attempts leave behind: the job running in its last attempt, silent since it died...
        var died = DateTimeOffset.UtcNow.AddMinutes(-11);
        await Platform.Services.GetRequiredService<JobStore>().SaveAsync(
            new JobRecord
            {
                JobId = jobId,
                Status = JobStatus.Running,
                Model = model,
                Attempts = MaxDequeueCount,
                CreatedAt = died.AddMinutes(-50),
                StartedAt = died.AddMinutes(-3),
                UpdatedAt = died,
                LastAliveAt = died,
                Progress = new JobProgress { Stage = JobStage.Training, RowsRead = 150 },
            },
            token);

        // ...and its message, delivered five times and never settled, due back once more.
        var queue = new QueueClient(Platform.StorageConnectionString, queueName);
        await queue.CreateAsync(cancellationToken: token);
        await queue.SendMessageAsync(JsonSerializer.Serialize(new { model, csv = SampleData.Read("iris.csv"), label = "species", jobId }), token);
        for (var delivery = 1; delivery <= MaxDequeueCount; delivery++)
        {
            Assert.AreEqual(delivery, await KilledWorker.ReceiveUnsettledAsync(queue, token));
        }

        try
        {
            await using var host = await ExtraHost.StartAsync(new Dictionary<string, string?> { [AiMaasOptions.TrainingQueueSetting] = queueName }, token);
            var job = await WaitForFinishedAsync(host.Client, jobId, token);

            Assert.AreEqual(JobStatus.Failed, job.Status);
            StringAssert.Contains(job.Error, $"Attempt {MaxDequeueCount} of {MaxDequeueCount} ended without a result while training");
            StringAssert.Contains(job.Error, $"'{queueName}-poison'");
            Assert.IsNotNull(job.CompletedAt);
            Assert.IsNull(job.Stalled, "a failed job is not stalled");
            Assert.AreEqual(JobStage.Training, job.Progress!.Stage, "the last stage stays visible");
            Assert.IsNull(job.Version, "the function was not called again");
        }
        finally
        {
            await queue.DeleteIfExistsAsync(CancellationToken.None);
            await new QueueClient(Platform.StorageConnectionString, queueName + "-poison").DeleteIfExistsAsync(CancellationToken.None);
        }
    }

    private static async Task<JobRecord> WaitForFinishedAsync(HttpClient client, string jobId, CancellationToken cancellationToken)
    {
        var job = await Eventually.MatchesAsync(
            token => client.GetFromJsonAsync<JobRecord>(new Uri($"api/jobs/{jobId}", UriKind.Relative), Platform.Json, token),
            seen => seen is { IsFinished: true },
            TimeSpan.FromMinutes(1),
            cancellationToken,
            $"job {jobId} to finish");
        return job!;
    }
}
