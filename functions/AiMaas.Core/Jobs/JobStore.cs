using AiMaas.Core.Storage;

namespace AiMaas.Core.Jobs;

/// <summary>Job records as JSON blobs keyed by job id.</summary>
public sealed class JobStore(AiMaasStorage storage)
{
    public async Task<JobRecord?> GetAsync(string jobId, CancellationToken cancellationToken) =>
        (await BlobDocuments.ReadAsync<JobRecord>(storage.Jobs.GetBlobClient(Path(jobId)), cancellationToken).ConfigureAwait(false))?.Document;

    public Task SaveAsync(JobRecord job, CancellationToken cancellationToken) =>
        BlobDocuments.WriteAsync(storage.Jobs.GetBlobClient(Path(job.JobId)), job with { Stalled = null, RetryAt = null }, cancellationToken);

    private static string Path(string jobId) => jobId + ".json";
}
