using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace AiMaas.Tests.Storage;

/// <summary>
/// Blob storage in memory, behind the Azure SDK's own HTTP pipeline: pass <see cref="CreateOptions"/> to a
/// <c>BlobServiceClient</c> and the production code runs unchanged, request for request, against this instead of Azurite.
/// It serves the Blob REST operations AiMaas's core uses (container create and delete; blob PUT of a block blob, GET
/// with or without a range, HEAD, DELETE; flat and hierarchical listing) and honours ETags and conditional requests
/// (<c>If-Match</c>, <c>If-None-Match</c>) as Azure Storage does, so races between writers behave as they would in Azure.
/// Every request is answered under one lock, so each one is atomic, like a storage operation.
/// </summary>
public sealed class InMemoryBlobStorage : HttpMessageHandler
{
    public static readonly Uri ServiceUri = new("https://memory.blob.core.windows.net/");

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<string, StoredBlob>> _containers = new(StringComparer.Ordinal);
    private long _etags;
    private int _conditionFailures;

    /// <summary>Called before each request is answered, outside the lock: tests use it to inject faults or act in between.</summary>
    public Func<BlobRequest, CancellationToken, Task>? BeforeRequest { get; set; }

    /// <summary>
    /// Called after a request was answered and before the answer is returned: tests hold readers here so that concurrent
    /// writers are certain to have read the same state before any of them writes.
    /// </summary>
    public Func<BlobRequest, CancellationToken, Task>? AfterRequest { get; set; }

    /// <summary>Conditional requests refused (412, or 409 for a create over an existing blob) since the start.</summary>
    public int ConditionFailures => Volatile.Read(ref _conditionFailures);

    /// <summary>Client options whose transport is this store; retries are kept quick since nothing here is transient.</summary>
    public Azure.Storage.Blobs.BlobClientOptions CreateOptions()
    {
        var options = new Azure.Storage.Blobs.BlobClientOptions { Transport = new Azure.Core.Pipeline.HttpClientTransport(this) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxRetries = 2;
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        options.Diagnostics.IsTelemetryEnabled = false;
        return options;
    }

    public Azure.Storage.Blobs.BlobServiceClient CreateServiceClient() => new(ServiceUri, CreateOptions());

    /// <summary>The names of the blobs in <paramref name="container"/>, in order.</summary>
    public IReadOnlyList<string> BlobNames(string container)
    {
        lock (_lock)
        {
            return _containers.TryGetValue(container, out var blobs) ? [.. blobs.Keys] : [];
        }
    }

    // The SDK's synchronous methods send synchronously; the answer is computed in memory either way.
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var parsed = BlobRequest.Parse(request, body);
        if (BeforeRequest is { } before)
        {
            await before(parsed, cancellationToken).ConfigureAwait(false);
        }

        HttpResponseMessage response;
        lock (_lock)
        {
            response = Answer(parsed);
        }

        response.RequestMessage = request;
        if (request.Headers.TryGetValues("x-ms-client-request-id", out var ids))
        {
            response.Headers.TryAddWithoutValidation("x-ms-client-request-id", ids);
        }

        response.Headers.TryAddWithoutValidation("x-ms-request-id", Guid.NewGuid().ToString());
        if (AfterRequest is { } after)
        {
            await after(parsed, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    private HttpResponseMessage Answer(BlobRequest request)
    {
        if (request.Blob is null)
        {
            return request switch
            {
                { Method: "PUT", ResourceType: "container" } => CreateContainer(request.Container),
                { Method: "DELETE", ResourceType: "container" } => _containers.Remove(request.Container)
                    ? Empty(HttpStatusCode.Accepted)
                    : Error(HttpStatusCode.NotFound, "ContainerNotFound"),
                { Method: "GET", Comp: "list" } => List(request),
                { Method: "GET" or "HEAD", ResourceType: "container" } => _containers.ContainsKey(request.Container)
                    ? Empty(HttpStatusCode.OK)
                    : Error(HttpStatusCode.NotFound, "ContainerNotFound"),
                _ => Error(HttpStatusCode.BadRequest, "UnsupportedHttpVerb", $"{request.Method} {request.Container} is not served in memory."),
            };
        }

        if (!_containers.TryGetValue(request.Container, out var blobs))
        {
            return Error(HttpStatusCode.NotFound, "ContainerNotFound");
        }

        if (request.Comp is not null)
        {
            return Error(HttpStatusCode.BadRequest, "UnsupportedQueryParameter", $"comp={request.Comp} is not served in memory.");
        }

        blobs.TryGetValue(request.Blob, out var existing);
        if (Precondition(request, existing, write: request.Method is "PUT" or "DELETE") is { } refused)
        {
            return refused;
        }

        switch (request.Method)
        {
            case "PUT":
                if (!string.Equals(request.Header("x-ms-blob-type"), "BlockBlob", StringComparison.Ordinal))
                {
                    return Error(HttpStatusCode.BadRequest, "UnsupportedHeader", "Only block blobs uploaded in one request are served in memory.");
                }

                var stored = new StoredBlob(
                    request.Body,
                    request.Header("x-ms-blob-content-type") ?? "application/octet-stream",
                    NextETag(),
                    DateTimeOffset.UtcNow);
                blobs[request.Blob] = stored;
                var created = Empty(HttpStatusCode.Created);
                Describe(created, stored, withLength: false);
                created.Headers.TryAddWithoutValidation("x-ms-request-server-encrypted", "true");
                return created;
            case "DELETE":
                if (existing is null)
                {
                    return Error(HttpStatusCode.NotFound, "BlobNotFound");
                }

                blobs.Remove(request.Blob);
                return Empty(HttpStatusCode.Accepted);
            case "GET" or "HEAD":
                return existing is null ? Error(HttpStatusCode.NotFound, "BlobNotFound", head: request.Method == "HEAD") : Read(request, existing);
            default:
                return Error(HttpStatusCode.BadRequest, "UnsupportedHttpVerb");
        }
    }

    private HttpResponseMessage CreateContainer(string container)
    {
        if (!_containers.TryAdd(container, new SortedDictionary<string, StoredBlob>(StringComparer.Ordinal)))
        {
            return Error(HttpStatusCode.Conflict, "ContainerAlreadyExists");
        }

        var response = Empty(HttpStatusCode.Created);
        response.Headers.TryAddWithoutValidation("ETag", NextETag());
        response.Content.Headers.LastModified = DateTimeOffset.UtcNow;
        return response;
    }

    /// <summary>Azure Storage's conditional semantics: a failed If-Match is 412; If-None-Match: * over an existing blob is 409 for a write.</summary>
    private HttpResponseMessage? Precondition(BlobRequest request, StoredBlob? existing, bool write)
    {
        var ifMatch = request.Header("If-Match");
        var ifNoneMatch = request.Header("If-None-Match");
        if (ifMatch is not null && (existing is null || (ifMatch != "*" && ifMatch != existing.ETag)))
        {
            Interlocked.Increment(ref _conditionFailures);
            return existing is null && !write
                ? Error(HttpStatusCode.NotFound, "BlobNotFound", head: request.Method == "HEAD")
                : Error(HttpStatusCode.PreconditionFailed, "ConditionNotMet", head: request.Method == "HEAD");
        }

        if (ifNoneMatch is not null && existing is not null && (ifNoneMatch == "*" || ifNoneMatch == existing.ETag))
        {
            Interlocked.Increment(ref _conditionFailures);
            return write
                ? Error(ifNoneMatch == "*" ? HttpStatusCode.Conflict : HttpStatusCode.PreconditionFailed, ifNoneMatch == "*" ? "BlobAlreadyExists" : "ConditionNotMet")
                : Empty(HttpStatusCode.NotModified);
        }

        return null;
    }

    private static HttpResponseMessage Read(BlobRequest request, StoredBlob blob)
    {
        var (from, to) = (0L, blob.Content.LongLength - 1);
        var ranged = request.Range is { } range && TryParseRange(range, blob.Content.LongLength, out from, out to);
        if (request.Range is not null && !ranged && blob.Content.Length > 0)
        {
            return Error(HttpStatusCode.RequestedRangeNotSatisfiable, "InvalidRange");
        }

        var slice = blob.Content.Length == 0 ? [] : blob.Content[(int)from..(int)(to + 1)];
        var response = new HttpResponseMessage(ranged ? HttpStatusCode.PartialContent : HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(request.Method == "HEAD" ? [] : slice),
        };
        Describe(response, blob, withLength: true);
        response.Content.Headers.ContentLength = request.Method == "HEAD" ? blob.Content.LongLength : slice.LongLength;
        if (ranged)
        {
            response.Content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, blob.Content.LongLength);
        }

        response.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
        response.Headers.TryAddWithoutValidation("x-ms-creation-time", blob.LastModified.ToString("R", CultureInfo.InvariantCulture));
        response.Headers.TryAddWithoutValidation("x-ms-server-encrypted", "true");
        response.Headers.AcceptRanges.Add("bytes");
        return response;
    }

    private HttpResponseMessage List(BlobRequest request)
    {
        if (!_containers.TryGetValue(request.Container, out var blobs))
        {
            return Error(HttpStatusCode.NotFound, "ContainerNotFound");
        }

        var prefix = request.Query("prefix") ?? "";
        var delimiter = request.Query("delimiter");
        var items = new List<XElement>();
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, blob) in blobs)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var cut = string.IsNullOrEmpty(delimiter) ? -1 : name.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal);
            if (cut >= 0)
            {
                var folder = name[..(cut + delimiter!.Length)];
                if (prefixes.Add(folder))
                {
                    items.Add(new XElement("BlobPrefix", new XElement("Name", folder)));
                }

                continue;
            }

            items.Add(new XElement("Blob",
                new XElement("Name", name),
                new XElement("Properties",
                    new XElement("Creation-Time", blob.LastModified.ToString("R", CultureInfo.InvariantCulture)),
                    new XElement("Last-Modified", blob.LastModified.ToString("R", CultureInfo.InvariantCulture)),
                    new XElement("Etag", blob.ETag),
                    new XElement("Content-Length", blob.Content.LongLength),
                    new XElement("Content-Type", blob.ContentType),
                    new XElement("BlobType", "BlockBlob"),
                    new XElement("ServerEncrypted", "true"))));
        }

        var document = new XElement("EnumerationResults",
            new XAttribute("ServiceEndpoint", ServiceUri.ToString()),
            new XAttribute("ContainerName", request.Container),
            new XElement("Prefix", prefix),
            delimiter is null ? null : new XElement("Delimiter", delimiter),
            new XElement("Blobs", items),
            new XElement("NextMarker"));
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + document.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "application/xml"),
        };
    }

    private static void Describe(HttpResponseMessage response, StoredBlob blob, bool withLength)
    {
        response.Headers.TryAddWithoutValidation("ETag", blob.ETag);
        response.Content.Headers.LastModified = blob.LastModified;
        if (withLength)
        {
            response.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(blob.ContentType, out var type) ? type : null;
        }
    }

    private static bool TryParseRange(string range, long length, out long from, out long to)
    {
        (from, to) = (0, length - 1);
        if (!range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = range["bytes=".Length..].Split('-');
        if (parts.Length != 2 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out from) || from >= length)
        {
            return false;
        }

        to = parts[1].Length == 0 ? length - 1 : Math.Min(long.Parse(parts[1], CultureInfo.InvariantCulture), length - 1);
        return to >= from;
    }

    private string NextETag() => $"\"0x{Interlocked.Increment(ref _etags):X8}\"";

    private static HttpResponseMessage Empty(HttpStatusCode status) => new(status) { Content = new ByteArrayContent([]) };

    private static HttpResponseMessage Error(HttpStatusCode status, string code, string? message = null, bool head = false)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = head
                ? new ByteArrayContent([])
                : new StringContent(
                    $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>{message ?? code}</Message></Error>",
                    Encoding.UTF8,
                    "application/xml"),
        };
        response.Headers.TryAddWithoutValidation("x-ms-error-code", code);
        return response;
    }

    private sealed record StoredBlob(byte[] Content, string ContentType, string ETag, DateTimeOffset LastModified);
}
