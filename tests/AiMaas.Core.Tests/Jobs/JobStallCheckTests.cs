using AiMaas.Core.Jobs;
using AiMaas.Core.Vocabulary;
using Microsoft.Extensions.Time.Testing;

namespace AiMaas.Core.Tests.Jobs;

[TestClass]
public sealed class JobStallCheckTests
{
    private static readonly DateTimeOffset LastAlive = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly JobMonitoringOptions Options = new()
    {
        JobHeartbeatInterval = TimeSpan.FromSeconds(5),
        JobStalledAfter = TimeSpan.FromSeconds(15),
        QueueProcessingVisibility = TimeSpan.FromMinutes(10),
    };

    [TestMethod]
    public void Annotate_RunningWithRecentHeartbeat_NotStalledAndNoRetryAt()
    {
        var job = Check(after: TimeSpan.FromSeconds(15)).Annotate(Jobs.Running(LastAlive));

        Assert.IsFalse(job.Stalled);
        Assert.IsNull(job.RetryAt);
    }

    [TestMethod]
    public void Annotate_RunningWithHeartbeatOlderThanThreshold_StalledWithRetryAt()
    {
        var job = Check(after: TimeSpan.FromSeconds(16)).Annotate(Jobs.Running(LastAlive));

        Assert.IsTrue(job.Stalled);
        Assert.AreEqual(LastAlive.AddMinutes(10), job.RetryAt);
    }

    [TestMethod]
    public void Annotate_FinishedJobWithOldHeartbeat_NeitherStalledNorRetry()
    {
        var finished = Jobs.Running(LastAlive) with { Status = JobStatus.Succeeded };

        var job = Check(after: TimeSpan.FromHours(1)).Annotate(finished);

        Assert.IsNull(job.Stalled);
        Assert.IsNull(job.RetryAt);
    }

    [TestMethod]
    public void Annotate_RunningRecordWithoutHeartbeat_UsesUpdatedAt()
    {
        var old = Jobs.Running(LastAlive) with { LastAliveAt = null, UpdatedAt = LastAlive };

        Assert.IsTrue(Check(after: TimeSpan.FromMinutes(1)).Annotate(old).Stalled);
    }

    private static JobStallCheck Check(TimeSpan after) =>
        new(Microsoft.Extensions.Options.Options.Create(Options), new FakeTimeProvider(LastAlive + after));
}
