using System.Text.Json;
using AiMaas.Core.Data;

namespace AiMaas.Core.Access;

/// <summary>Reads and validates the body of <c>POST /api/keys</c>.</summary>
public static class CreateKeyRequestReader
{
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<Result<CreateKeyRequest>> ReadAsync(Stream body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        CreateKeyRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<CreateKeyRequest>(new LengthLimitedStream(body, MaxBodyBytes), AiMaasJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (ProblemException ex)
        {
            return ex.Problem;
        }
        catch (JsonException ex)
        {
            return Problem.Invalid("body", $"malformed JSON: {ex.Message}");
        }

        return CreateKeyRequestValidator.Validate(request, now) is { } problem ? problem : request!;
    }
}
