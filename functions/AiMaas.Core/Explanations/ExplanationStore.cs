using System.Text.Json;
using AiMaas.Core.Data;
using AiMaas.Core.Registry;
using AiMaas.Core.Storage;
using Azure;
using Azure.Storage.Blobs.Models;

namespace AiMaas.Core.Explanations;

/// <summary>A version's explanation background, <c>{model}/{version}/explanations.json</c> beside its <c>model.zip</c>.</summary>
public sealed class ExplanationStore(AiMaasStorage storage)
{
    public static string Path(string model, int version) => ModelPaths.VersionPrefix(model, version) + "explanations.json";

    /// <summary>Written before the manifest, like the model itself: until the manifest exists nothing reads it, so a retry may replace it.</summary>
    public async Task<BackgroundReference> SaveAsync(string model, int version, ExplanationBackground background, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(background, AiMaasJson.Options);
        var path = Path(model, version);
        await storage.Models.GetBlobClient(path).UploadAsync(
            BinaryData.FromBytes(bytes),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken).ConfigureAwait(false);
        return new BackgroundReference(path, ContentHash.Sha256(bytes), background.Rows);
    }

    /// <summary>The background, or null when it is missing or its bytes do not match the SHA-256 the manifest recorded.</summary>
    public async Task<ExplanationBackground?> LoadAsync(BackgroundReference reference, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = (await storage.Models.GetBlobClient(reference.Path).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }

        return string.Equals(ContentHash.Sha256(bytes), reference.Sha256, StringComparison.Ordinal)
            ? JsonSerializer.Deserialize<ExplanationBackground>(bytes, AiMaasJson.Options)
            : null;
    }
}
