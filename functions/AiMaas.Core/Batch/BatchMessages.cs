using System.Text.Json;

namespace AiMaas.Core.Batch;

/// <summary>Reads the job id out of a scoring queue message; null when the body is not one.</summary>
internal static class BatchMessages
{
    public static string? ParseJobId(string body)
    {
        try
        {
            var message = JsonSerializer.Deserialize<BatchMessage>(body, AiMaasJson.Options);
            return message?.JobId is { } id && Identifiers.IsJobId(id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
