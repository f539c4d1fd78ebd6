using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AiMaas.Core.Jobs;
using AiMaas.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AiMaas.Core.Tests.Jobs;

[TestClass]
public sealed class JobProgressReporterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Timer_LongStageWithoutReports_KeepsTheHeartbeatGoing()
    {
        var time = new FakeTimeProvider(Start);
        var writes = new ConcurrentQueue<JobRecord>();
        await using var reporter = Create(time, writes, CancellationToken.None);
        reporter.Report(JobStage.Training);

        time.Advance(TimeSpan.FromSeconds(2));
        await WaitForAsync(() => writes.Count == 1);
        time.Advance(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitForAsync(() => writes.Count == 2);

        var beats = writes.ToArray();
        Assert.AreEqual(JobStage.Training, beats[0].Progress!.Stage);
        Assert.AreEqual(Start.AddSeconds(2), beats[0].LastAliveAt);
        Assert.AreEqual(Start.AddSeconds(8), beats[1].LastAliveAt, "a heartbeat with no report, from the timer, 6 s after the last write");
    }

    [TestMethod]
    public async Task StopAsync_ReturnsLatestProgressAndWritesNothingMore()
    {
        var time = new FakeTimeProvider(Start);
        var writes = new ConcurrentQueue<JobRecord>();
        await using var reporter = Create(time, writes, CancellationToken.None);
        reporter.Report(JobStage.Saving, rowsRead: 42);
        time.Advance(TimeSpan.FromSeconds(1));

        var last = await reporter.StopAsync();
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.AreEqual(JobStage.Saving, last.Progress!.Stage);
        Assert.AreEqual(42, last.Progress.RowsRead);
        Assert.AreEqual(Start.AddSeconds(1), last.LastAliveAt);
        Assert.IsEmpty(writes);
    }

    [TestMethod]
    public async Task Cancellation_WorkerStopping_WritesNothingMore()
    {
        var time = new FakeTimeProvider(Start);
        var writes = new ConcurrentQueue<JobRecord>();
        using var worker = new CancellationTokenSource();
        await using var reporter = Create(time, writes, worker.Token);
        reporter.Report(JobStage.Training);
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitForAsync(() => writes.Count == 1);

        await worker.CancelAsync();
        reporter.Report(JobStage.Evaluating);
        time.Advance(TimeSpan.FromMinutes(1));
        await reporter.StopAsync();

        Assert.HasCount(1, writes);
    }

    [TestMethod]
    public async Task FailedWrite_IsLoggedAndTheNextBeatStillComes()
    {
        var time = new FakeTimeProvider(Start);
        var attempts = 0;
        var writes = new ConcurrentQueue<JobRecord>();
        var options = new JobMonitoringOptions { JobProgressInterval = TimeSpan.FromSeconds(2), JobHeartbeatInterval = TimeSpan.FromSeconds(2.5) };
        await using var reporter = new JobProgressReporter(
            Jobs.Running(Start),
            (job, _) =>
            {
                if (Interlocked.Increment(ref attempts) == 1)
                {
                    throw new InvalidOperationException("storage down");
                }

                writes.Enqueue(job);
                return Task.CompletedTask;
            },
            options,
            time,
            NullLogger.Instance,
            CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(2));
        await WaitForAsync(() => Volatile.Read(ref attempts) == 1);
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitForAsync(() => writes.Count == 1);

        Assert.AreEqual(Start.AddSeconds(4), writes.Single().LastAliveAt);
    }

    private static JobProgressReporter Create(FakeTimeProvider time, ConcurrentQueue<JobRecord> writes, CancellationToken cancellationToken) => new(
        Jobs.Running(Start),
        (job, _) =>
        {
            writes.Enqueue(job);
            return Task.CompletedTask;
        },
        new JobMonitoringOptions { JobProgressInterval = TimeSpan.FromSeconds(2), JobHeartbeatInterval = TimeSpan.FromSeconds(6) },
        time,
        NullLogger.Instance,
        cancellationToken);

    /// <summary>The timer's writes run on the thread pool after the fake clock fires; wait for them, with a deadline.</summary>
    private Task WaitForAsync(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string waitingFor = "") =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(10), TestContext.CancellationToken, waitingFor);
}
