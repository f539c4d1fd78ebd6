using Azure;
using Azure.Storage.Blobs.Models;

namespace AiMaas.Core.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>
    /// Deletes a version no alias points at. The version is first recorded as deleted in the model document, under its ETag,
    /// so that a concurrent alias update cannot point at it; then its blobs go.
    /// </summary>
    public async Task<Result<VersionedDocument>> DeleteVersionAsync(string model, int version, CancellationToken cancellationToken)
    {
        var updated = await UpdateModelAsync(model, ifMatch: null, async document =>
        {
            if (document.DeletedVersions.Contains(version) || await GetManifestAsync(model, version, cancellationToken).ConfigureAwait(false) is null)
            {
                return Problem.NotFound($"Version {version} of model '{model}' does not exist.");
            }

            var aliases = document.AliasesOf(version).ToArray();
            if (aliases.Length > 0)
            {
                return Problem.Conflict(
                    $"Version {version} of model '{model}' is served through alias(es) {string.Join(", ", aliases.Select(a => $"'{a}'"))}; move or delete them first.");
            }

            return document with { DeletedVersions = [.. document.DeletedVersions, version] };
        }, cancellationToken).ConfigureAwait(false);
        if (updated.Problem is null)
        {
            await DeleteBlobsAsync(ModelPaths.VersionPrefix(model, version), cancellationToken).ConfigureAwait(false);
        }

        return updated;
    }

    /// <summary>Deletes a model with all its versions, aliases and reservations.</summary>
    public async Task<bool> DeleteModelAsync(string model, CancellationToken cancellationToken)
    {
        if (await GetModelAsync(model, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        // The document goes first, so that nothing resolves an alias to a version whose blobs are being removed.
        await storage.Models.GetBlobClient(ModelPaths.Document(model)).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await DeleteBlobsAsync(model + "/", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Keeps the newest <paramref name="keep"/> versions that no alias points at and deletes older unaliased ones.</summary>
    public async Task<IReadOnlyList<int>> ApplyRetentionAsync(string model, int keep, CancellationToken cancellationToken)
    {
        var document = await GetModelAsync(model, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return [];
        }

        var aliased = document.Aliases.Values.ToHashSet();
        var candidates = (await ListPublishedVersionsAsync(model, cancellationToken).ConfigureAwait(false))
            .Where(v => !aliased.Contains(v))
            .OrderDescending()
            .Skip(keep)
            .ToArray();
        var deleted = new List<int>();
        foreach (var version in candidates)
        {
            // An alias may have moved onto the version meanwhile; DeleteVersionAsync checks again under the ETag.
            if ((await DeleteVersionAsync(model, version, cancellationToken).ConfigureAwait(false)).Problem is null)
            {
                deleted.Add(version);
            }
        }

        return deleted;
    }

    private async Task DeleteBlobsAsync(string prefix, CancellationToken cancellationToken)
    {
        await foreach (var blob in storage.Models.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await storage.Models.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted concurrently: the goal is reached.
            }
        }
    }
}
