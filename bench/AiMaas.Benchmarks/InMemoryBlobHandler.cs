using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace AiMaas.Benchmarks;

/// <summary>
/// Answers the Azure Blob SDK's GET requests from memory, so the real <c>ModelRegistry</c>, <c>VersionLoader</c>,
/// <c>ModelCache</c> and <c>PredictionService</c> run in-process without Azurite. Keys are "container/blob".
/// </summary>
internal sealed class InMemoryBlobHandler(IReadOnlyDictionary<string, byte[]> blobs) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Path: /{account}/{container}/{blob...}
        var path = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath).TrimStart('/');
        var key = path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..];
        if (request.Method != HttpMethod.Get || !blobs.TryGetValue(key, out var bytes))
        {
            var missing = new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request, Content = new ByteArrayContent([]) };
            missing.Headers.Add("x-ms-error-code", "BlobNotFound");
            return Task.FromResult(missing);
        }

        var ranged = request.Headers.TryGetValues("x-ms-range", out _) || request.Headers.Range is not null;
        var response = new HttpResponseMessage(ranged ? HttpStatusCode.PartialContent : HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(bytes),
        };
        response.Headers.ETag = new EntityTagHeaderValue("\"0x8DB000000000001\"");
        response.Headers.Add("x-ms-blob-type", "BlockBlob");
        response.Headers.Add("x-ms-version", "2025-01-05");
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        response.Content.Headers.LastModified = DateTimeOffset.UnixEpoch;
        if (ranged)
        {
            response.Content.Headers.Add("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes 0-{bytes.Length - 1}/{bytes.Length}"));
        }

        return Task.FromResult(response);
    }
}
