using Microsoft.Extensions.Options;

namespace AiMaas.Core.Jobs;

/// <summary>
/// Says, when a job is read, whether a running job has gone silent and when the queue will hand its message out again.
/// Computed at read time from <c>lastAliveAt</c>, never stored, so it cannot go stale itself.
/// </summary>
public sealed class JobStallCheck(IOptions<JobMonitoringOptions> options, TimeProvider time)
{
    public JobRecord Annotate(JobRecord job)
    {
        if (job.Status != JobStatus.Running)
        {
            return job with { Stalled = null, RetryAt = null };
        }

        var settings = options.Value;
        var lastAlive = job.LastAliveAt ?? job.UpdatedAt;
        var stalled = time.GetUtcNow() - lastAlive > settings.JobStalledAfter;

        // The worker renews the message while it lives, so a dead one's message is visible again at most one
        // processing visibility after its last heartbeat.
        return job with { Stalled = stalled, RetryAt = stalled ? lastAlive + settings.QueueProcessingVisibility : null };
    }
}
