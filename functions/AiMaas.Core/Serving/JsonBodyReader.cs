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
        catch (ProblemException ex)
        {
            return ex.Problem;
        }
        catch (JsonException ex)
        {
            return Problem.Invalid("body", $"malformed JSON: {ex.Message}");
        }
    }

    /// <summary>The body's bytes, for readers that parse them themselves (the V2 envelope reader); within the same limit.</summary>
    public async Task<Result<RequestBody>> ReadBytesAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            return await RequestBody.ReadAsync(body, options.Value.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (ProblemException ex)
        {
            return ex.Problem;
        }
    }
}
