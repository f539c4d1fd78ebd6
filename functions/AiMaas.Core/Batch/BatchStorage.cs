using AiMaas.Core.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Batch;

/// <summary>The scoring queue, its poison queue and the results container.</summary>
public sealed class BatchStorage : IStorageProvisioner
{
    public BatchStorage(BlobServiceClient blobs, QueueServiceClient queues, IOptions<BatchOptions> options)
    {
        var settings = options.Value;
        Results = blobs.GetBlobContainerClient(settings.ResultsContainer);
        ScoringQueue = queues.GetQueueClient(settings.ScoringQueue);
        ScoringPoisonQueue = queues.GetQueueClient(settings.ScoringQueue + "-poison");
    }

    public BlobContainerClient Results { get; }

    public QueueClient ScoringQueue { get; }

    public QueueClient ScoringPoisonQueue { get; }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(
            Results.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            ScoringQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            ScoringPoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
}
