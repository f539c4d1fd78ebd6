using AiMaas.Core.Diagnostics;
using AiMaas.Core.Registry;
using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Serving;

/// <summary>
/// Answers a model's status: whether the version its reference names is loaded. A version that exists but is not loaded is reported not ready and its load is
/// started in the background, so that a readiness probe that keeps asking sees it become ready without a user paying.
/// </summary>
public sealed class ModelStatusService(ModelResolver resolver, ModelCache cache, ModelRegistry registry, ILogger<ModelStatusService> logger)
{
    public async Task<Result<ModelStatus>> GetAsync(ModelReference reference, CancellationToken cancellationToken)
    {
        var version = await resolver.ResolveVersionAsync(reference, cancellationToken).ConfigureAwait(false);
        if (version.Failed(out var problem))
        {
            return problem;
        }

        var key = new VersionKey(reference.Model, version.Value);
        if (cache.IsLoaded(key))
        {
            return new ModelStatus(reference.Model, Ready: true);
        }

        if (await registry.GetManifestAsync(key.Model, key.Version, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problem.NotFound($"Version {key.Version} of model '{key.Model}' does not exist.");
        }

        _ = LoadInBackgroundAsync(key);
        return new ModelStatus(reference.Model, Ready: false);
    }

    private async Task LoadInBackgroundAsync(VersionKey key)
    {
        try
        {
            await Task.Yield();
            await cache.GetAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CorruptModelException or Azure.RequestFailedException or IOException)
        {
            logger.BackgroundLoadFailed(ex, key.Model, key.Version);
        }
    }
}
