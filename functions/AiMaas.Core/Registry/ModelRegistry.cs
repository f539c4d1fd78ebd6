using System.Globalization;
using AiMaas.Core.Storage;
using Azure;
using Azure.Storage.Blobs.Models;

namespace AiMaas.Core.Registry;

/// <summary>
/// Model versions in blob storage. Version numbers come from the model document updated under an ETag,
/// so concurrent trainings never share a number and numbers are never reused.
/// </summary>
public sealed class ModelRegistry(AiMaasStorage storage, TimeProvider time)
{
    public async Task<int> AllocateVersionAsync(string model, CancellationToken cancellationToken)
    {
        var blob = storage.Models.GetBlobClient(ModelPaths.Document(model));
        while (true)
        {
            var existing = await BlobDocuments.ReadAsync<ModelDocument>(blob, cancellationToken).ConfigureAwait(false);
            var next = existing is { } found
                ? found.Document with { LatestVersion = found.Document.LatestVersion + 1, UpdatedAt = time.GetUtcNow() }
                : new ModelDocument(model, 1, new Dictionary<string, int>(), time.GetUtcNow());
            if (await BlobDocuments.TryWriteAsync(blob, next, existing?.ETag, cancellationToken).ConfigureAwait(false))
            {
                return next.LatestVersion;
            }
        }
    }

    /// <summary>Stores the artifact and then its manifest, both write-once: an existing version is never overwritten.</summary>
    public async Task PublishAsync(ModelManifest manifest, byte[] artifact, CancellationToken cancellationToken)
    {
        var onlyIfNew = new BlobRequestConditions { IfNoneMatch = ETag.All };
        await storage.Models.GetBlobClient(manifest.Artifact.Path).UploadAsync(
            BinaryData.FromBytes(artifact),
            new BlobUploadOptions { Conditions = onlyIfNew, HttpHeaders = new BlobHttpHeaders { ContentType = "application/zip" } },
            cancellationToken).ConfigureAwait(false);
        var manifestBlob = storage.Models.GetBlobClient(ModelPaths.Manifest(manifest.Model, manifest.Version));
        if (!await BlobDocuments.TryWriteAsync(manifestBlob, manifest, ifMatch: null, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Version {manifest.Version} of model '{manifest.Model}' already has a manifest.");
        }
    }

    public async Task<ModelDocument> SetAliasAsync(string model, string alias, int version, CancellationToken cancellationToken)
    {
        var blob = storage.Models.GetBlobClient(ModelPaths.Document(model));
        while (true)
        {
            var existing = await BlobDocuments.ReadAsync<ModelDocument>(blob, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Model '{model}' has no document; allocate a version first.");
            var aliases = new Dictionary<string, int>(existing.Document.Aliases) { [alias] = version };
            var updated = existing.Document with { Aliases = aliases, UpdatedAt = time.GetUtcNow() };
            if (await BlobDocuments.TryWriteAsync(blob, updated, existing.ETag, cancellationToken).ConfigureAwait(false))
            {
                return updated;
            }
        }
    }

    public async Task<ModelDocument?> GetModelAsync(string model, CancellationToken cancellationToken) =>
        (await BlobDocuments.ReadAsync<ModelDocument>(storage.Models.GetBlobClient(ModelPaths.Document(model)), cancellationToken).ConfigureAwait(false))?.Document;

    public async Task<IReadOnlyList<ModelDocument>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var models = new List<ModelDocument>();
        await foreach (var item in storage.Models.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, delimiter: "/", prefix: null, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (item.IsPrefix && await GetModelAsync(item.Prefix.TrimEnd('/'), cancellationToken).ConfigureAwait(false) is { } document)
            {
                models.Add(document);
            }
        }

        return models;
    }

    /// <summary>Published versions, oldest first; a number allocated by a training that never finished does not appear.</summary>
    public async Task<IReadOnlyList<int>> ListVersionsAsync(string model, CancellationToken cancellationToken)
    {
        var versions = new List<int>();
        await foreach (var item in storage.Models.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, delimiter: "/", prefix: model + "/", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (item.IsPrefix && int.TryParse(item.Prefix[(model.Length + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                versions.Add(version);
            }
        }

        versions.Sort();
        return versions;
    }

    public async Task<ModelManifest?> GetManifestAsync(string model, int version, CancellationToken cancellationToken) =>
        (await BlobDocuments.ReadAsync<ModelManifest>(storage.Models.GetBlobClient(ModelPaths.Manifest(model, version)), cancellationToken).ConfigureAwait(false))?.Document;

    public async Task<byte[]?> DownloadArtifactAsync(ModelManifest manifest, CancellationToken cancellationToken)
    {
        try
        {
            var response = await storage.Models.GetBlobClient(manifest.Artifact.Path).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return response.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
