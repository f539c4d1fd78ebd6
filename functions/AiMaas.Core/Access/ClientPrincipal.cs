using System.Text;
using System.Text.Json;

namespace AiMaas.Core.Access;

/// <summary>
/// Reads App Service authentication's <c>x-ms-client-principal</c> header (base64 JSON with <c>claims</c> of
/// <c>typ</c>/<c>val</c>) and maps the Entra ID app roles to scopes.
/// </summary>
public static class ClientPrincipal
{
    public const string HeaderName = "x-ms-client-principal";

    /// <summary>App role → scopes it carries.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RoleScopes = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["AiMaas.Predict"] = ["predict:*"],
        ["AiMaas.Train"] = ["train:*", Scopes.DatasetsRead, Scopes.DatasetsWrite],
        ["AiMaas.Manage"] = ["manage:*"],
        ["AiMaas.Admin"] = [Scopes.Admin],
    };

    private static readonly string[] RoleClaimTypes = ["roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];
    private static readonly string[] NameClaimTypes = ["preferred_username", "name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "appid", "azp"];
    private static readonly string[] IdClaimTypes = ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid", "sub"];

    /// <summary>The caller the header describes, or null when it is absent or not a principal.</summary>
    public static Caller? Parse(string? header)
    {
        if (string.IsNullOrEmpty(header) || header.Length > 64 * 1024)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var pairs = claims.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String && c.TryGetProperty("val", out var v) && v.ValueKind == JsonValueKind.String)
                .Select(c => (Type: c.GetProperty("typ").GetString()!, Value: c.GetProperty("val").GetString()!))
                .ToArray();
            var scopes = pairs.Where(p => RoleClaimTypes.Contains(p.Type))
                .SelectMany(p => RoleScopes.TryGetValue(p.Value, out var granted) ? granted : [])
                .ToHashSet(StringComparer.Ordinal);
            var name = NameClaimTypes.Select(t => pairs.FirstOrDefault(p => p.Type == t).Value).FirstOrDefault(v => v is not null) ?? "unknown";
            var id = IdClaimTypes.Select(t => pairs.FirstOrDefault(p => p.Type == t).Value).FirstOrDefault(v => v is not null) ?? name;
            return new Caller(CallerKind.Principal, id, name, scopes);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }
}
