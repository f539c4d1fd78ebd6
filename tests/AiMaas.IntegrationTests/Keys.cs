using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiMaas.IntegrationTests;

/// <summary>Issues API keys through the API with the host key, and clients that send them.</summary>
internal static class Keys
{
    public static async Task<(string Id, string Key)> CreateAsync(string[] scopes, CancellationToken cancellationToken, object? limits = null, DateTimeOffset? expiresAt = null)
    {
        using var response = await Platform.Client.PostAsJsonAsync(
            new Uri("api/keys", UriKind.Relative),
            new { name = "test " + string.Join(' ', scopes), scopes, limits, expiresAt },
            cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, text);
        var body = JsonDocument.Parse(text).RootElement;
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    public static HttpClient Client(string key, Uri? baseAddress = null, bool bearer = false)
    {
        var client = new HttpClient { BaseAddress = baseAddress ?? Platform.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        if (bearer)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
        else
        {
            client.DefaultRequestHeaders.Add("x-api-key", key);
        }

        return client;
    }

    public static async Task<HttpClient> ClientWithAsync(string[] scopes, CancellationToken cancellationToken, object? limits = null) =>
        Client((await CreateAsync(scopes, cancellationToken, limits)).Key);
}
