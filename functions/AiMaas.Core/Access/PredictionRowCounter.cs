using System.Text.Json;

namespace AiMaas.Core.Access;

/// <summary>
/// Counts the rows of a predict or infer body for rows-per-second limits: the <c>instances</c> array (AiMaas API and
/// KServe V1) or the first dimension of the first V2 input's <c>shape</c>. A body it cannot read counts as one row;
/// the function then answers it as usual.
/// </summary>
public static class PredictionRowCounter
{
    public static async Task<int> CountAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return 1;
            }

            if (root.TryGetProperty("instances", out var instances) && instances.ValueKind == JsonValueKind.Array)
            {
                return Math.Max(1, instances.GetArrayLength());
            }

            if (root.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Array && inputs.GetArrayLength() > 0
                && inputs[0].ValueKind == JsonValueKind.Object && inputs[0].TryGetProperty("shape", out var shape)
                && shape.ValueKind == JsonValueKind.Array && shape.GetArrayLength() > 0
                && shape[0].ValueKind == JsonValueKind.Number && shape[0].TryGetInt32(out var rows))
            {
                return Math.Max(1, rows);
            }

            return 1;
        }
        catch (JsonException)
        {
            return 1;
        }
    }
}
