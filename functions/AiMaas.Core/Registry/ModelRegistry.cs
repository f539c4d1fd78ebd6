using AiMaas.Core.Storage;
using Azure;
using Azure.Storage.Blobs.Models;

namespace AiMaas.Core.Registry;

/// <summary>
/// Model versions in blob storage. Version numbers come from the model document updated under an ETag,
/// so concurrent trainings never share a number and numbers are never reused.
/// </summary>
public sealed partial class ModelRegistry(AiMaasStorage storage, TimeProvider time)
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
            if (await BlobDocuments.TryWriteAsync(blob, next, existing?.ETag, cancellationToken).ConfigureAwait(false) is not null)
            {
                return next.LatestVersion;
            }
        }
    }

    /// <summary>
    /// The version a job publishes. A redelivered job gets the number its first delivery reserved, so a job yields one version
    /// however often its message arrives.
    /// </summary>
    public async Task<int> ReserveVersionAsync(string model, string jobId, CancellationToken cancellationToken)
    {
        var reservation = storage.Models.GetBlobClient(ModelPaths.Reservation(model, jobId));
        if (await BlobDocuments.ReadAsync<VersionReservation>(reservation, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing.Document.Version;
        }

        var version = await AllocateVersionAsync(model, cancellationToken).ConfigureAwait(false);
        if (await BlobDocuments.TryWriteAsync(reservation, new VersionReservation(jobId, version), ifMatch: null, cancellationToken).ConfigureAwait(false) is not null)
        {
            return version;
        }

        // A concurrent delivery of the same job reserved first; its number wins and ours stays unused.
        return (await BlobDocuments.ReadAsync<VersionReservation>(reservation, cancellationToken).ConfigureAwait(false))!.Value.Document.Version;
    }

    /// <summary>
    /// Stores the artifact and then its manifest. The manifest is write-once and is what makes a version exist:
    /// returns the manifest already stored when an earlier delivery of the same job got that far.
    /// </summary>
    public async Task<ModelManifest> PublishAsync(ModelManifest manifest, byte[] artifact, byte[]? probe, CancellationToken cancellationToken)
    {
        var manifestBlob = storage.Models.GetBlobClient(ModelPaths.Manifest(manifest.Model, manifest.Version));
        if (await BlobDocuments.ReadAsync<ModelManifest>(manifestBlob, cancellationToken).ConfigureAwait(false) is { } published)
        {
            return published.Document;
        }

        // No manifest yet, so nothing serves this version: bytes left by an interrupted attempt may be replaced.
        await storage.Models.GetBlobClient(manifest.Artifact.Path).UploadAsync(
            BinaryData.FromBytes(artifact),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/zip" } },
            cancellationToken).ConfigureAwait(false);
        if (manifest.Probe is { } probeReference && probe is not null)
        {
            await storage.Models.GetBlobClient(probeReference.Path).UploadAsync(
                BinaryData.FromBytes(probe),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                cancellationToken).ConfigureAwait(false);
        }

        if (await BlobDocuments.TryWriteAsync(manifestBlob, manifest, ifMatch: null, cancellationToken).ConfigureAwait(false) is null)
        {
            return (await BlobDocuments.ReadAsync<ModelManifest>(manifestBlob, cancellationToken).ConfigureAwait(false))!.Value.Document;
        }

        return manifest;
    }

    public async Task<ModelManifest?> GetManifestAsync(string model, int version, CancellationToken cancellationToken) =>
        (await BlobDocuments.ReadAsync<ModelManifest>(storage.Models.GetBlobClient(ModelPaths.Manifest(model, version)), cancellationToken).ConfigureAwait(false))?.Document;

    public Task<byte[]?> DownloadArtifactAsync(ModelManifest manifest, CancellationToken cancellationToken) =>
        DownloadAsync(manifest.Artifact.Path, cancellationToken);

    public Task<byte[]?> DownloadProbeAsync(ProbeReference probe, CancellationToken cancellationToken) =>
        DownloadAsync(probe.Path, cancellationToken);

    private async Task<byte[]?> DownloadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var response = await storage.Models.GetBlobClient(path).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return response.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
