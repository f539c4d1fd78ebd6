using AiMaas.Core.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Batch;

/// <summary>
/// Ends the batch job of a scoring message the queue gave up on. A last attempt that throws marks its job failed itself;
/// one that is killed (out of memory, past the function timeout, the instance recycled) writes nothing, and the host then
/// moves its message to <c>&lt;queue&gt;-poison</c> without calling the function again. Without this the job would stay
/// <c>running</c> (or <c>queued</c>) forever. What was committed stays in the results container.
/// </summary>
public sealed class BatchPoisonHandler(BatchStore jobs, BatchStorage storage, TimeProvider time, ILogger<BatchPoisonHandler> logger)
{
    /// <param name="body">The poisoned message's body, as it was on the scoring queue.</param>
    /// <param name="maxDequeueCount">The host's <c>maxDequeueCount</c>: how many deliveries the job had.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>The failed job, or null when the message names no job that is still open.</returns>
    public async Task<BatchJob?> FailAsync(string body, int maxDequeueCount, CancellationToken cancellationToken)
    {
        var jobId = BatchMessages.ParseJobId(body);
        var job = jobId is null ? null : await jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job is null || job.IsFinished)
        {
            logger.PoisonedScoringMessageWithoutOpenJob(jobId ?? "none");
            return null;
        }

        var failed = Fail(job, maxDequeueCount, storage.ScoringPoisonQueue.Name, time.GetUtcNow());
        await jobs.SaveAsync(failed, cancellationToken).ConfigureAwait(false);
        logger.BatchPoisoned(failed.JobId, failed.Attempts, maxDequeueCount);
        return failed;
    }

    /// <summary>The job failed for having used up its deliveries, with where it got to.</summary>
    internal static BatchJob Fail(BatchJob job, int maxDequeueCount, string poisonQueue, DateTimeOffset now)
    {
        var attempts = Math.Max(job.Attempts, maxDequeueCount);
        var where = job.Status == JobStatus.Queued && job.RowsDone == 0 ? "before scoring any row" : $"after {job.RowsDone} rows";
        var lastHeard = job.LastAliveAt is { } alive ? $", last heard from at {alive:O}" : "";
        return job with
        {
            Status = JobStatus.Failed,
            Attempts = attempts,
            Error = $"Attempt {attempts} of {maxDequeueCount} ended without a result {where}{lastHeard}: the worker was stopped (out of memory, past the "
                + $"function timeout, or the instance recycled) and the queue moved the message to '{poisonQueue}' rather than retry it again. "
                + $"Rows committed so far stay in {job.Outputs.Predictions}; submit the job again to score the input from the start.",
            CompletedAt = now,
            UpdatedAt = now,
            DurationSeconds = job.StartedAt is { } started ? Math.Round((now - started).TotalSeconds, 3) : null,
        };
    }
}
