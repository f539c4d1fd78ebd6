using AiMaas.Core.Diagnostics;
using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Storage;

/// <summary>Creates the containers and queues at start-up; a storage outage is logged, not fatal, so health can report it.</summary>
internal sealed class StorageInitializer(IEnumerable<IStorageProvisioner> provisioners, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(provisioners.Select(p => p.EnsureCreatedAsync(cancellationToken))).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException || StorageOutage.Is(ex))
        {
            logger.StorageInitializationFailed(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
