using System.Text.Json;
using AiMaas.Core.Data;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving;

/// <summary>Parses a predict or infer body, enforcing <see cref="ServingOptions.MaxRequestBodyBytes"/> while it streams in (so it holds in any host).</summary>
public sealed class JsonBodyReader(IOptions<ServingOptions> options)
{
    public async Task<Result<JsonDocument>> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        try
        {
            return await JsonDocument.ParseAsync(new LengthLimitedStream(body, limit), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestTooLargeException ex)
        {
            return Problem.TooLarge(ex.Message);
        }
        catch (JsonException ex)
        {
            return Problem.Invalid("body", $"malformed JSON: {ex.Message}");
        }
    }
}
