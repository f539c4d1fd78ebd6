using AiMaas.Core.Training;

namespace AiMaas.Core.Registry;

/// <summary>Read-side queries over the registry, answering with problems for unknown names.</summary>
public sealed class ModelCatalog(ModelRegistry registry)
{
    public async Task<IReadOnlyList<ModelSummary>> ListAsync(CancellationToken cancellationToken) =>
        (await registry.ListModelsAsync(cancellationToken).ConfigureAwait(false))
            .Select(m => new ModelSummary(m.Name, m.CurrentVersion, m.LatestVersion, m.UpdatedAt))
            .ToArray();

    public async Task<Result<ModelDetails>> GetAsync(string model, CancellationToken cancellationToken)
    {
        if (Identifiers.ValidateModelName(model) is { } nameError)
        {
            return Problem.Invalid("model", nameError);
        }

        var document = await registry.GetModelAsync(model, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return Problem.NotFound($"Model '{model}' does not exist.");
        }

        var versions = await registry.ListVersionsAsync(model, cancellationToken).ConfigureAwait(false);
        var manifests = await Task.WhenAll(versions.Reverse().Select(v => registry.GetManifestAsync(model, v, cancellationToken))).ConfigureAwait(false);
        var summaries = manifests.OfType<ModelManifest>()
            .Select(m => new VersionSummary(m.Version, m.Task, m.CreatedAt, m.Metrics, m.JobId))
            .ToArray();
        return new ModelDetails(document.Name, document.CurrentVersion, document.LatestVersion, document.Aliases, summaries);
    }

    public async Task<Result<ModelManifest>> GetVersionAsync(string model, int version, CancellationToken cancellationToken)
    {
        if (Identifiers.ValidateModelName(model) is { } nameError)
        {
            return Problem.Invalid("model", nameError);
        }

        return await registry.GetManifestAsync(model, version, cancellationToken).ConfigureAwait(false) is { } manifest
            ? manifest
            : Problem.NotFound($"Version {version} of model '{model}' does not exist.");
    }
}
