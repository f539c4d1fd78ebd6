namespace AiMaas.Core.Storage;

/// <summary>Containers and queues a feature needs, created once at start-up by <see cref="StorageInitializer"/>.</summary>
public interface IStorageProvisioner
{
    Task EnsureCreatedAsync(CancellationToken cancellationToken);
}
