using System.Text.Json;

namespace AiMaas.Core.PredictionLog;

/// <summary>Splits a log blob into its JSON lines and reads the CloudEvents envelope of each.</summary>
public static class PredictionLogLines
{
    public static IEnumerable<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> content)
    {
        while (!content.IsEmpty)
        {
            var end = content.Span.IndexOf((byte)'\n');
            var line = end < 0 ? content : content[..end];
            content = end < 0 ? ReadOnlyMemory<byte>.Empty : content[(end + 1)..];
            if (!line.Span.Trim(" \r\t"u8).IsEmpty)
            {
                yield return line;
            }
        }
    }

    public static bool TryParse(ReadOnlyMemory<byte> line, out JsonElement record, out DateTimeOffset time, out string id)
    {
        record = default;
        time = default;
        id = "";
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("time", out var timeElement) || !timeElement.TryGetDateTimeOffset(out time)
                || !root.TryGetProperty("id", out var idElement) || idElement.GetString() is not { } recordId)
            {
                return false;
            }

            id = recordId;
            record = root.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
