using AiMaas.Core.Storage;

namespace AiMaas.Core.Batch;

/// <summary>Batch job records, in the jobs container under <c>batch/{jobId}.json</c>.</summary>
public sealed class BatchStore(AiMaasStorage storage)
{
    public async Task<BatchJob?> GetAsync(string jobId, CancellationToken cancellationToken) =>
        (await BlobDocuments.ReadAsync<BatchJob>(storage.Jobs.GetBlobClient(Path(jobId)), cancellationToken).ConfigureAwait(false))?.Document;

    public Task SaveAsync(BatchJob job, CancellationToken cancellationToken) =>
        BlobDocuments.WriteAsync(storage.Jobs.GetBlobClient(Path(job.JobId)), job, cancellationToken);

    /// <summary>Creates the record only if no job has this id yet; false when one has.</summary>
    public async Task<bool> TryCreateAsync(BatchJob job, CancellationToken cancellationToken) =>
        await BlobDocuments.TryWriteAsync(storage.Jobs.GetBlobClient(Path(job.JobId)), job, ifMatch: null, cancellationToken).ConfigureAwait(false) is not null;

    private static string Path(string jobId) => $"batch/{jobId}.json";
}
