using System.Text.Json;

namespace AiMaas.LocalRuntime.Settings;

/// <summary>
/// Reads the <c>Values</c> of local.settings.json as Core Tools does: each becomes an app setting,
/// with <c>__</c> meaning a nested key, and environment variables override them.
/// </summary>
public static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";

    public static IReadOnlyDictionary<string, string?> ReadValues(string path)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, string?>();
        }

        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var value in section.EnumerateObject())
            {
                values[value.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
            }
        }

        return values;
    }
}
