using System.Web;

namespace AiMaas.Tests.Storage;

/// <summary>One Blob REST request as <see cref="InMemoryBlobStorage"/> sees it: container, blob name, query and the headers it honours.</summary>
public sealed class BlobRequest
{
    private readonly Dictionary<string, string> _headers;
    private readonly System.Collections.Specialized.NameValueCollection _query;

    private BlobRequest(string method, string container, string? blob, Dictionary<string, string> headers, System.Collections.Specialized.NameValueCollection query, byte[] body)
    {
        Method = method;
        Container = container;
        Blob = blob;
        _headers = headers;
        _query = query;
        Body = body;
    }

    public string Method { get; }

    public string Container { get; }

    /// <summary>The blob's name, or null for a container (or listing) request.</summary>
    public string? Blob { get; }

    public byte[] Body { get; }

    public string? ResourceType => Query("restype");

    public string? Comp => Query("comp");

    public string? Range => Header("x-ms-range") ?? Header("Range");

    /// <summary>Whether this is a write that carries an ETag condition (a compare-and-swap).</summary>
    public bool IsConditionalWrite => Method == "PUT" && Blob is not null && (Header("If-Match") is not null || Header("If-None-Match") is not null);

    public string? Header(string name) => _headers.TryGetValue(name, out var value) ? value : null;

    public string? Query(string name) => _query[name];

    public override string ToString() => $"{Method} {Container}/{Blob}";

    internal static BlobRequest Parse(HttpRequestMessage request, byte[] body)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A request without a URI.");
        var path = uri.AbsolutePath.TrimStart('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var container = Uri.UnescapeDataString(slash < 0 ? path : path[..slash]);
        var blob = slash < 0 || slash == path.Length - 1 ? null : Uri.UnescapeDataString(path[(slash + 1)..]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(",", values);
        }

        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers)
            {
                headers[name] = string.Join(",", values);
            }
        }

        return new BlobRequest(request.Method.Method, container, blob, headers, HttpUtility.ParseQueryString(uri.Query), body);
    }
}
