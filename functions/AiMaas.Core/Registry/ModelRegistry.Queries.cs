using System.Globalization;
using Azure.Storage.Blobs.Models;

namespace AiMaas.Core.Registry;

public sealed partial class ModelRegistry
{
    public async Task<IReadOnlyList<ModelDocument>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var models = new List<ModelDocument>();
        await foreach (var item in storage.Models.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, delimiter: "/", prefix: null, cancellationToken).ConfigureAwait(false))
        {
            if (item.IsPrefix && await GetModelAsync(item.Prefix.TrimEnd('/'), cancellationToken).ConfigureAwait(false) is { } document)
            {
                models.Add(document);
            }
        }

        return models;
    }

    /// <summary>Published versions, oldest first; a number allocated by a training that never finished does not appear.</summary>
    public async Task<IReadOnlyList<int>> ListPublishedVersionsAsync(string model, CancellationToken cancellationToken)
    {
        var versions = new List<int>();
        await foreach (var item in storage.Models.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, delimiter: "/", prefix: model + "/", cancellationToken).ConfigureAwait(false))
        {
            if (item.IsPrefix && int.TryParse(item.Prefix[(model.Length + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                versions.Add(version);
            }
        }

        versions.Sort();
        return versions;
    }

    /// <summary>
    /// Manifests newest first, starting at <paramref name="fromVersion"/> and walking down the version numbers,
    /// so that a page costs at most <paramref name="pageSize"/> reads however many versions a model has.
    /// </summary>
    public async Task<(IReadOnlyList<ModelManifest> Manifests, int? NextVersion)> ListManifestsAsync(
        string model, int fromVersion, int pageSize, CancellationToken cancellationToken)
    {
        var manifests = new List<ModelManifest>(pageSize);
        var next = fromVersion;
        while (manifests.Count < pageSize && next >= 1)
        {
            var batch = Enumerable.Range(0, Math.Min(pageSize - manifests.Count, next)).Select(i => next - i).ToArray();
            var found = await Task.WhenAll(batch.Select(v => GetManifestAsync(model, v, cancellationToken))).ConfigureAwait(false);
            manifests.AddRange(found.OfType<ModelManifest>());
            next -= batch.Length;
        }

        return (manifests, next >= 1 ? next : null);
    }
}
