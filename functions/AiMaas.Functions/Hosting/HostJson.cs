using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiMaas.Functions.Hosting;

/// <summary>
/// The parts of host.json that the app and the local runtime act on. Read from the app's own folder,
/// where the Functions host reads it too, so that no setting is written twice.
/// </summary>
public sealed record HostJson
{
    public const string FileName = "host.json";

    /// <summary>
    /// host.json's <c>extensions.http.routePrefix</c>. AiMaas sets it to "" so that its own API (<c>/api/...</c>)
    /// and the standard inference protocols (<c>/v1/...</c>, <c>/v2/...</c>) live side by side.
    /// </summary>
    public string RoutePrefix { get; init; } = "api";

    /// <summary>The path every route is below: "" or "/{routePrefix}".</summary>
    public string PathBase => RoutePrefix.Length == 0 ? "" : "/" + RoutePrefix.Trim('/');

    public QueueHostSettings Queues { get; init; } = new();

    /// <summary>Log levels by category from <c>logging.logLevel</c>; "default" applies to every category.</summary>
    public IReadOnlyDictionary<string, string> LogLevels { get; init; } = new Dictionary<string, string>();

    public static HostJson Load(string? directory = null)
    {
        var path = Path.Combine(directory ?? AppContext.BaseDirectory, FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"host.json was not found at '{path}'; it is copied next to the function app's assembly at build.", path);
        }

        using var stream = File.OpenRead(path);
        var document = JsonSerializer.Deserialize<HostJsonDocument>(stream, SerializerOptions)
            ?? throw new InvalidDataException($"'{path}' holds JSON null.");
        return new HostJson
        {
            RoutePrefix = document.Extensions?.Http?.RoutePrefix ?? "api",
            Queues = document.Extensions?.Queues ?? new QueueHostSettings(),
            LogLevels = document.Logging?.LogLevel ?? new Dictionary<string, string>(),
        };
    }

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new TimeSpanConverter() },
    };

    private sealed record HostJsonDocument(ExtensionsSection? Extensions, LoggingSection? Logging);

    private sealed record LoggingSection(Dictionary<string, string>? LogLevel);

    private sealed record ExtensionsSection(HttpSection? Http, QueueHostSettings? Queues);

    private sealed record HttpSection(string? RoutePrefix);

    /// <summary>host.json writes durations as "hh:mm:ss", which the default converter reads but let us be lenient about "d.hh:mm:ss".</summary>
    private sealed class TimeSpanConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
    }
}
