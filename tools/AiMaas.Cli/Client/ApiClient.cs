using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiMaas.Cli.Client;

/// <summary>Calls the AiMaas HTTP API; a failure becomes one <see cref="CliException"/> line from the problem details.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient http;

    public ApiClient(CliSettings settings)
    {
        if (settings.Url is null)
        {
            throw new CliException("No platform URL: run 'aimaas config set --url http://127.0.0.1:7071 --key KEY' or set AIMAAS_URL.");
        }

        var url = settings.Url.TrimEnd('/');
        url = url.EndsWith("/api", StringComparison.OrdinalIgnoreCase) ? url[..^4] : url;
        http = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = Timeout.InfiniteTimeSpan };
        if (settings.Key is { } key)
        {
            http.DefaultRequestHeaders.Add("x-functions-key", key);
        }
    }

    public Uri BaseAddress => http.BaseAddress!;

    public Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<JsonNode> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken);

    public Task<JsonNode> SendJsonAsync(HttpMethod method, string path, JsonNode body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") }, cancellationToken);

    /// <summary>
    /// Sends a (large) body with <c>Expect: 100-continue</c>: a server that refuses it from its headers (a 413 on
    /// Content-Length) answers before the body is sent, and that answer is what the user sees.
    /// </summary>
    public Task<JsonNode> SendContentAsync(HttpMethod method, string path, HttpContent content, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.ExpectContinue = true;
        return SendAsync(request, cancellationToken);
    }

    public static string Escape(string segment) => Uri.EscapeDataString(segment);

    /// <summary>A dataset name keeps its '/' separators (the route is a catch-all); each segment is escaped.</summary>
    public static string EscapePath(string name) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    public void Dispose() => http.Dispose();

    private async Task<JsonNode> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (request.Content is not null && ex.InnerException is IOException)
            {
                // The connection broke while the body was going out: the server stopped reading it, so say so rather than "cannot reach".
                throw new CliException($"The server closed the connection while the request body was being sent ({ex.InnerException.Message}); it refuses bodies over its size limits with 413.");
            }
            catch (HttpRequestException ex)
            {
                throw new CliException($"Cannot reach {http.BaseAddress}: {ex.Message}");
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new CliException(Describe(response, text));
                }

                return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
            }
        }
    }

    // One line: status, the problem's detail, and the fields at fault.
    private static string Describe(HttpResponseMessage response, string text)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            if (JsonNode.Parse(text) is JsonObject problem)
            {
                var detail = (string?)problem["detail"] ?? (string?)problem["title"] ?? (string?)problem["error"] ?? text;
                if (problem["errors"] is JsonObject errors && errors.Count > 0)
                {
                    detail += " (" + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value!.AsArray().Select(v => (string?)v))}")) + ")";
                }

                return $"{status}: {detail}";
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        return text.Length == 0 ? status : $"{status}: {text.ReplaceLineEndings(" ")}";
    }

    internal static MediaTypeHeaderValue Csv { get; } = new("text/csv");
}
