using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using AiMaas.Core;
using AiMaas.Core.Jobs;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.IntegrationTests;

/// <summary>
/// A worker that dies mid-training leaves its job silent: the job shows stalled with when it will be retried, and the
/// queue hands the message to another worker once its processing visibility runs out. The "death" is an in-process
/// local runtime stopped while its training hangs: the function is cancelled and abandoned, nothing more is written and
/// the message's visibility is neither renewed nor reset, as when a process is killed.
/// </summary>
[TestClass]
public sealed class StalledJobTests
{
    private static readonly TimeSpan ProcessingVisibility = TimeSpan.FromSeconds(3);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task KilledWorker_JobShowsStalledAndRetryAt_ThenSucceedsAfterRedelivery()
    {
        var token = TestContext.CancellationToken;
        var queueName = "it-k-" + Guid.NewGuid().ToString("N")[..12];
        var model = Platform.UniqueName("stall");
        var jobId = Guid.NewGuid().ToString("N");

        // The job's queue for the dying and the rescuing worker; the reader gets a queue of its own.
        var workerSettings = Settings(queueName);
        var readerSettings = Settings(queue: null);

        JobRecord beforeDeath;
        await using (var doomed = await ExtraHost.StartAsync(workerSettings, token, services => services.AddSingleton<IJobMonitor>(
            provider => new HangingJobMonitor(ActivatorUtilities.CreateInstance<JobMonitor>(provider)))))
        {
            var (status, _) = await Api.PostAsync(
                $"api/models/{model}/train",
                System.Text.Json.JsonSerializer.Serialize(new { csv = SampleData.Read("iris.csv"), label = "species", jobId }),
                token,
                doomed.Client);
            Assert.AreEqual(HttpStatusCode.Accepted, status);

            // Hanging in the training stage, with heartbeats coming after the job started.
            beforeDeath = await WaitForJobAsync(doomed.Client, jobId, j => j.Progress?.Stage == JobStage.Training && j.LastAliveAt > j.StartedAt, token);
            Assert.AreEqual(JobStatus.Running, beforeDeath.Status);
            Assert.AreEqual(150, beforeDeath.Progress!.RowsRead);
            Assert.IsFalse(beforeDeath.Stalled);
        }

        await using var reader = await ExtraHost.StartAsync(readerSettings, token);
        var stalled = await WaitForJobAsync(reader.Client, jobId, j => j.Stalled == true, token);

        Assert.AreEqual(JobStatus.Running, stalled.Status);
        Assert.AreEqual(stalled.LastAliveAt + ProcessingVisibility, stalled.RetryAt);
        Assert.AreEqual(JobStage.Training, stalled.Progress!.Stage);

        await using var rescuer = await ExtraHost.StartAsync(workerSettings, token);
        var finished = await WaitForJobAsync(reader.Client, jobId, j => j.IsFinished, token);

        Assert.AreEqual(JobStatus.Succeeded, finished.Status, finished.Error);
        Assert.AreEqual(2, finished.Attempts, "the second delivery trained it");
        Assert.IsNull(finished.Stalled);
        Assert.IsNotNull(finished.Version);
        Assert.AreEqual(JobStage.Saving, finished.Progress!.Stage, "the last stage the attempt reported");
        Assert.AreEqual(150, finished.Progress.RowsRead);
        TestContext.WriteLine($"Last heartbeat {beforeDeath.LastAliveAt:O}; stalled seen with retryAt {stalled.RetryAt:O}; second attempt started {finished.StartedAt:O}.");

        // The last renewal came at most half a visibility before the last heartbeat, so the message reappeared no sooner.
        Assert.IsTrue(
            finished.StartedAt >= stalled.RetryAt - (ProcessingVisibility / 2),
            $"redelivered at {finished.StartedAt:O}, before the processing visibility could have run out (retryAt {stalled.RetryAt:O})");
    }

    private static Dictionary<string, string?> Settings(string? queue)
    {
        var settings = new Dictionary<string, string?>
        {
            [JobMonitoringOptions.QueueProcessingVisibilitySetting] = ProcessingVisibility.ToString(),
            ["AiMaas:JobProgressInterval"] = "00:00:00.200",
            ["AiMaas:JobHeartbeatInterval"] = "00:00:00.400",
            ["AiMaas:JobStalledAfter"] = "00:00:01.500",
        };
        if (queue is not null)
        {
            settings[AiMaasOptions.TrainingQueueSetting] = queue;
        }

        return settings;
    }

    private static Task<JobRecord> WaitForJobAsync(
        HttpClient client, string jobId, Func<JobRecord, bool> condition, CancellationToken cancellationToken,
        [CallerArgumentExpression(nameof(condition))] string waitingFor = "") =>
        Eventually.MatchesAsync(
            async token =>
            {
                using var response = await client.GetAsync(new Uri($"api/jobs/{jobId}", UriKind.Relative), token);
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JobRecord>(Platform.Json, token) : null;
            },
            job => job is not null && condition(job),
            TimeSpan.FromMinutes(2),
            cancellationToken,
            $"job {jobId}: {waitingFor}")!;

    /// <summary>Lets the job run as usual until it enters training, then hangs there until the worker stops.</summary>
    private sealed class HangingJobMonitor(IJobMonitor inner) : IJobMonitor
    {
        public IRunningJob Start(JobRecord job, CancellationToken cancellationToken) => new HangingJob(inner.Start(job, cancellationToken), cancellationToken);

        private sealed class HangingJob(IRunningJob inner, CancellationToken cancellationToken) : IRunningJob
        {
            public void Report(JobStage stage, long? rowsRead = null, double? percent = null, int? trial = null, int? trials = null)
            {
                inner.Report(stage, rowsRead, percent, trial, trials);
                if (stage == JobStage.Training)
                {
                    cancellationToken.WaitHandle.WaitOne();
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            public Task<JobRecord> StopAsync() => inner.StopAsync();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
