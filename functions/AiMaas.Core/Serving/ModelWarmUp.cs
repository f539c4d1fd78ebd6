using AiMaas.Core.Diagnostics;
using AiMaas.Core.Registry;
using AiMaas.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving;

/// <summary>
/// With <see cref="ServingOptions.WarmUpOnStart"/>, loads every model's current version in the background at start-up,
/// off the request path, then marks the server ready. A model that fails to load is logged and left to load on demand.
/// </summary>
internal sealed class ModelWarmUp(
    ModelRegistry registry, ModelCache cache, WarmUpState readiness, IOptions<ServingOptions> options, TimeProvider time, ILogger<ModelWarmUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUpOnStart)
        {
            return;
        }

        await Task.Yield();
        var started = time.GetTimestamp();
        var loaded = 0;
        try
        {
            var models = await registry.ListModelsAsync(stoppingToken).ConfigureAwait(false);
            var current = models.Where(m => m.CurrentVersion is not null).ToArray();
            logger.WarmUpStarted(current.Length);
            foreach (var model in current)
            {
                try
                {
                    if (await cache.GetAsync(new VersionKey(model.Name, model.CurrentVersion!.Value), stoppingToken).ConfigureAwait(false) is not null)
                    {
                        loaded++;
                    }
                }
                catch (Exception ex) when (ex is CorruptModelException or Azure.RequestFailedException or IOException || StorageOutage.Is(ex))
                {
                    logger.WarmUpFailed(ex, model.Name);
                }
            }
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException || StorageOutage.Is(ex))
        {
            logger.WarmUpListingFailed(ex);
        }
        finally
        {
            readiness.MarkWarmedUp();
            logger.WarmUpFinished(loaded, time.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
