using AiMaas.Core.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace AiMaas.Core.Tests.Jobs;

[TestClass]
public sealed class JobProgressThrottleTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    [TestMethod]
    public void TakeDue_ManyReportsWithinOneInterval_OneWriteWithTheLatest()
    {
        var (time, throttle) = Create();

        throttle.Report(JobStage.Featurizing, rowsRead: 150, null, null, null);
        time.Advance(TimeSpan.FromMilliseconds(300));
        throttle.Report(JobStage.Training, null, null, null, null);
        time.Advance(TimeSpan.FromMilliseconds(700));
        throttle.Report(JobStage.Evaluating, null, null, null, null);
        time.Advance(TimeSpan.FromSeconds(1));

        var written = throttle.TakeDue();

        Assert.IsNotNull(written);
        Assert.AreEqual(JobStage.Evaluating, written.Progress!.Stage);
        Assert.AreEqual(150, written.Progress.RowsRead, "rows read stay known after later stages");
        Assert.AreEqual(2.0, written.Progress.ElapsedSeconds);
        Assert.AreEqual(Start + Tick, written.LastAliveAt);
        Assert.IsNull(throttle.TakeDue(), "nothing changed since");
    }

    [TestMethod]
    public void TakeDue_ReportEveryHalfSecondForTwentySeconds_AtMostOneWritePerInterval()
    {
        var (time, throttle) = Create();
        var writes = new List<DateTimeOffset>();

        for (var i = 1; i <= 40; i++)
        {
            throttle.Report(JobStage.Tuning, null, percent: i * 2.5, trial: i, trials: 40);
            time.Advance(TimeSpan.FromMilliseconds(500));
            if (i % 4 == 0 && throttle.TakeDue() is { } due)
            {
                writes.Add(due.LastAliveAt!.Value);
                Assert.AreEqual(i, due.Progress!.Trial);
                Assert.AreEqual(i * 2.5, due.Progress.Percent);
            }
        }

        CollectionAssert.AreEqual(Enumerable.Range(1, 10).Select(k => Start + (Tick * k)).ToArray(), writes);
    }

    [TestMethod]
    public void TakeDue_NoProgress_HeartbeatBeforeItWouldBeOlderThanTheHeartbeatInterval()
    {
        // Heartbeat 5 s, ticks every 2 s: waiting for the tick at 6 s would leave lastAliveAt 6 s old, so beat at 4 s.
        var (time, throttle) = Create();
        var beats = new List<TimeSpan>();

        for (var tick = 1; tick <= 6; tick++)
        {
            time.Advance(Tick);
            if (throttle.TakeDue() is { } due)
            {
                beats.Add(due.LastAliveAt!.Value - Start);
            }
        }

        CollectionAssert.AreEqual(new[] { TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12) }, beats);
    }

    [TestMethod]
    public void Report_NewStage_ClearsTheOldStagesTrialAndPercent()
    {
        var (time, throttle) = Create();
        throttle.Report(JobStage.Tuning, null, 50, 5, 10);
        throttle.Report(JobStage.Evaluating, null, null, null, null);
        time.Advance(Tick);

        var progress = throttle.TakeDue()!.Progress!;

        Assert.AreEqual(JobStage.Evaluating, progress.Stage);
        Assert.IsNull(progress.Percent);
        Assert.IsNull(progress.Trial);
        Assert.IsNull(progress.Trials);
    }

    private static (FakeTimeProvider Time, JobProgressThrottle Throttle) Create()
    {
        var time = new FakeTimeProvider(Start);
        var options = new JobMonitoringOptions { JobProgressInterval = Tick, JobHeartbeatInterval = TimeSpan.FromSeconds(5) };
        return (time, new JobProgressThrottle(Jobs.Running(Start), options, time));
    }
}
