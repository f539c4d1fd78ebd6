using System.Globalization;
namespace AiMaas.Core.Registry;

/// <summary>Read-side queries over the registry, answering with problems for unknown names.</summary>
public sealed class ModelCatalog(ModelRegistry registry)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public async Task<IReadOnlyList<ModelSummary>> ListAsync(CancellationToken cancellationToken) =>
        (await registry.ListModelsAsync(cancellationToken).ConfigureAwait(false))
            .Select(m => new ModelSummary(m.Name, m.CurrentVersion, m.LatestVersion, m.UpdatedAt))
            .ToArray();

    public async Task<Result<ModelDetails>> GetAsync(string model, CancellationToken cancellationToken)
    {
        if (Identifiers.CheckModelName(model) is { } nameError)
        {
            return nameError;
        }

        var found = await registry.GetModelWithETagAsync(model, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return Problem.NotFound($"Model '{model}' does not exist.");
        }

        var document = found.Document;
        var page = await ReadPageAsync(document, document.LatestVersion, DefaultPageSize, cancellationToken).ConfigureAwait(false);
        return new ModelDetails(document.Name, document.CurrentVersion, document.LatestVersion, document.Aliases, page.Versions, page.ContinuationToken, document.UpdatedAt)
        {
            ETag = found.ETag,
        };
    }

    /// <summary>A page of versions, newest first; <paramref name="pageSize"/> is the query string's text, parsed here.</summary>
    public async Task<Result<VersionPage>> ListVersionsAsync(string model, string? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        if (Identifiers.CheckModelName(model) is { } nameError)
        {
            return nameError;
        }

        int? size = null;
        if (pageSize is not null)
        {
            if (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > MaxPageSize)
            {
                return Problem.Invalid("pageSize", $"expected a whole number from 1 to {MaxPageSize}");
            }

            size = parsed;
        }

        int? from = null;
        if (continuationToken is not null && (from = ContinuationTokens.Decode(continuationToken)) is null)
        {
            return Problem.Invalid("continuationToken", "not a token this API returned; omit it to start from the newest version");
        }

        var document = await registry.GetModelAsync(model, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return Problem.NotFound($"Model '{model}' does not exist.");
        }

        return await ReadPageAsync(document, from ?? document.LatestVersion, size ?? DefaultPageSize, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<ModelManifest>> GetVersionAsync(string model, int version, CancellationToken cancellationToken)
    {
        if (Identifiers.CheckModelName(model) is { } nameError)
        {
            return nameError;
        }

        return await registry.GetManifestAsync(model, version, cancellationToken).ConfigureAwait(false) is { } manifest
            ? manifest
            : Problem.NotFound($"Version {version} of model '{model}' does not exist.");
    }

    private async Task<VersionPage> ReadPageAsync(ModelDocument document, int from, int pageSize, CancellationToken cancellationToken)
    {
        var (manifests, next) = await registry.ListManifestsAsync(document.Name, Math.Min(from, document.LatestVersion), pageSize, cancellationToken).ConfigureAwait(false);
        var versions = manifests
            .Where(m => !document.DeletedVersions.Contains(m.Version))
            .Select(m => new VersionSummary(
                m.Version, m.Task, m.CreatedAt, m.Metrics, document.AliasesOf(m.Version).ToArray(), m.Source, m.Dataset?.Name, m.Trainer.Name, m.JobId))
            .ToArray();
        return new VersionPage(document.Name, versions, next is { } n ? ContinuationTokens.Encode(n) : null);
    }
}
