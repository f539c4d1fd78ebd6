using System.Text;
using System.Text.Json;

namespace AiMaas.Core.Training;

/// <summary>
/// Reads a training message whether the sender put plain JSON or base64-encoded JSON on the queue:
/// storage tools differ, and neither form may poison a good message.
/// </summary>
public static class TrainingMessageParser
{
    public static TrainingRequest Parse(string body)
    {
        var text = body.Trim();
        if (!text.StartsWith('{'))
        {
            text = DecodeBase64(text)
                ?? throw new TrainingRequestException("The message is neither JSON nor base64-encoded JSON; expected e.g. {\"model\":\"iris\",\"dataset\":\"iris.csv\",\"label\":\"species\"}.");
        }

        try
        {
            return JsonSerializer.Deserialize<TrainingRequest>(text, AiMaasJson.Options)
                ?? throw new TrainingRequestException("The message is JSON null; expected a training request object.");
        }
        catch (JsonException ex)
        {
            throw new TrainingRequestException($"The message is not a valid training request: {ex.Message}");
        }
    }

    private static string? DecodeBase64(string text)
    {
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return null;
        }

        var decoded = Encoding.UTF8.GetString(buffer, 0, written).Trim();
        return decoded.StartsWith('{') ? decoded : null;
    }
}
