using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiMaas.Cli;

/// <summary>
/// Where the platform is and the key to call it with: a per-user file written by <c>aimaas config set</c>, overridden by
/// <c>AIMAAS_URL</c> / <c>AIMAAS_KEY</c>, overridden in turn by <c>--url</c> / <c>--key</c>.
/// </summary>
public sealed record CliSettings(string? Url, string? Key)
{
    public static string FilePath =>
        Environment.GetEnvironmentVariable("AIMAAS_CONFIG") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "aimaas", "config.json");

    public static CliSettings Load(string? url, string? key)
    {
        var stored = ReadFile();
        return new CliSettings(
            Pick(url, Environment.GetEnvironmentVariable("AIMAAS_URL"), stored.Url),
            Pick(key, Environment.GetEnvironmentVariable("AIMAAS_KEY"), stored.Key));
    }

    public static CliSettings ReadFile()
    {
        if (!File.Exists(FilePath))
        {
            return new CliSettings(null, null);
        }

        var node = JsonNode.Parse(File.ReadAllText(FilePath));
        return new CliSettings((string?)node?["url"], (string?)node?["key"]);
    }

    public void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllText(FilePath, JsonSerializer.Serialize(new JsonObject { ["url"] = Url, ["key"] = Key }));
        if (!OperatingSystem.IsWindows())
        {
            // The key is a secret: readable by its owner only.
            File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string? Pick(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
