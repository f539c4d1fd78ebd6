using AiMaas.Core.Diagnostics;
using AiMaas.Core.Jobs;
using AiMaas.Core.Storage;
using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Training;

/// <summary>
/// Ends the job of a training message the queue gave up on. A last attempt that throws marks its job failed itself;
/// one that is killed (out of memory, past the function timeout, the instance recycled) writes nothing, and the host
/// then moves its message to <c>&lt;queue&gt;-poison</c> without calling the function again. Without this the job
/// would stay <c>running</c>, stalled, forever.
/// </summary>
public sealed class TrainingPoisonHandler(JobStore jobs, AiMaasStorage storage, TimeProvider time, ILogger<TrainingPoisonHandler> logger)
{
    /// <param name="body">The poisoned message's body, as it was on the training queue.</param>
    /// <param name="maxDequeueCount">The host's <c>maxDequeueCount</c>: how many deliveries the job had.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>The failed job, or null when the message names no job that is still open.</returns>
    public async Task<JobRecord?> FailAsync(string body, int maxDequeueCount, CancellationToken cancellationToken)
    {
        // An unreadable body was already failed by its first delivery, under its original message id.
        var jobId = TrainingMessageParser.Parse(body).Value?.JobId;

        var job = Identifiers.IsJobId(jobId) ? await jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false) : null;
        if (job is null || job.IsFinished)
        {
            logger.PoisonedMessageWithoutOpenJob(jobId ?? "none");
            return null;
        }

        var now = time.GetUtcNow();
        var stage = job.Progress?.Stage.ToString().ToLowerInvariant() ?? "queued";
        var lastHeard = job.LastAliveAt is { } alive ? $", last heard from at {alive:O}" : "";
        var failed = job with
        {
            Status = JobStatus.Failed,
            Error = $"Attempt {Math.Max(job.Attempts, maxDequeueCount)} of {maxDequeueCount} ended without a result while {stage}{lastHeard}: the worker was stopped "
                + $"(out of memory, past the function timeout, or the instance recycled) and the queue moved the message to '{storage.TrainingPoisonQueue.Name}' rather than retry it again.",
            CompletedAt = now,
            UpdatedAt = now,
        };
        await jobs.SaveAsync(failed, cancellationToken).ConfigureAwait(false);
        logger.TrainingPoisoned(failed.JobId, failed.Attempts, maxDequeueCount);
        return failed;
    }
}
