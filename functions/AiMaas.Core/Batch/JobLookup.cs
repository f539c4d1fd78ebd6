using AiMaas.Core.Jobs;

namespace AiMaas.Core.Batch;

/// <summary>Finds a job of either kind by its id, so that one route answers for training and batch scoring jobs alike.</summary>
public sealed class JobLookup(JobStore jobs, BatchStore batches, JobStallCheck stallCheck)
{
    public async Task<Result<FoundJob>> FindAsync(string jobId, CancellationToken cancellationToken)
    {
        if (Identifiers.CheckJobId(jobId) is { } problem)
        {
            return problem;
        }

        if (await jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false) is { } job)
        {
            return new FoundJob(stallCheck.Annotate(job), null);
        }

        return await batches.GetAsync(jobId, cancellationToken).ConfigureAwait(false) is { } batch
            ? new FoundJob(null, batch)
            : NotFound(jobId);
    }

    public static Problem NotFound(string jobId) => Problem.NotFound($"Job '{jobId}' does not exist.");
}
