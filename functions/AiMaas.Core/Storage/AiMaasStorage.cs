using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Storage;

/// <summary>The containers and queues AiMaas keeps its state in.</summary>
public sealed class AiMaasStorage : IStorageProvisioner
{
    public AiMaasStorage(BlobServiceClient blobs, QueueServiceClient queues, IOptions<AiMaasOptions> options)
    {
        var settings = options.Value;
        Datasets = blobs.GetBlobContainerClient(settings.DatasetsContainer);
        Models = blobs.GetBlobContainerClient(settings.ModelsContainer);
        Jobs = blobs.GetBlobContainerClient(settings.JobsContainer);
        TrainingQueue = queues.GetQueueClient(settings.TrainingQueue);
        TrainingPoisonQueue = queues.GetQueueClient(settings.TrainingQueue + "-poison");
    }

    public BlobContainerClient Datasets { get; }

    public BlobContainerClient Models { get; }

    public BlobContainerClient Jobs { get; }

    public QueueClient TrainingQueue { get; }

    public QueueClient TrainingPoisonQueue { get; }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            Datasets.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Models.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Jobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            TrainingQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            TrainingPoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
