using System.Text;
using System.Text.Json;

namespace AiMaas.Core.Training;

/// <summary>
/// Reads a training message whether the sender put plain JSON or base64-encoded JSON on the queue:
/// storage tools differ, and neither form may poison a good message.
/// </summary>
public static class TrainingMessageParser
{
    /// <returns>The request, or the problem that makes the message unreadable (the text a failed job shows).</returns>
    public static Result<TrainingRequest> Parse(string body)
    {
        var text = body.Trim();
        if (!text.StartsWith('{'))
        {
            if (DecodeBase64(text) is not { } decoded)
            {
                return Problem.Invalid("The message is neither JSON nor base64-encoded JSON; expected e.g. {\"model\":\"iris\",\"dataset\":\"iris.csv\",\"label\":\"species\"}.");
            }

            text = decoded;
        }

        try
        {
            return JsonSerializer.Deserialize<TrainingRequest>(text, AiMaasJson.Options) is { } request
                ? request
                : Problem.Invalid("The message is JSON null; expected a training request object.");
        }
        catch (JsonException ex)
        {
            return Problem.Invalid($"The message is not a valid training request: {ex.Message}");
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
