using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AiMaas.Core.Storage;

/// <summary>JSON documents in blobs, read and written with ETags so concurrent writers never overwrite each other silently.</summary>
internal static class BlobDocuments
{
    public static async Task<(T Document, ETag ETag)?> ReadAsync<T>(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var response = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var document = response.Value.Content.ToObjectFromJson<T>(AiMaasJson.Options)
                ?? throw new InvalidDataException($"Blob '{blob.Name}' holds JSON null.");
            return (document, response.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes only if the blob is unchanged since <paramref name="ifMatch"/> was read, or (when null) does not exist yet.
    /// Returns the new ETag, or null on a lost race.
    /// </summary>
    public static async Task<ETag?> TryWriteAsync<T>(BlobClient blob, T document, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var conditions = ifMatch is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            var response = await blob.UploadAsync(Serialize(document), Options(conditions), cancellationToken).ConfigureAwait(false);
            return response.Value.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    public static Task WriteAsync<T>(BlobClient blob, T document, CancellationToken cancellationToken) =>
        blob.UploadAsync(Serialize(document), Options(conditions: null), cancellationToken);

    private static BinaryData Serialize<T>(T document) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(document, AiMaasJson.Options));

    private static BlobUploadOptions Options(BlobRequestConditions? conditions) => new()
    {
        Conditions = conditions,
        HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
    };
}
