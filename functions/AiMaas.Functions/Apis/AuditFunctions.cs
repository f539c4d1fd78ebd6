using System.Globalization;
using AiMaas.Core.Access;
using AiMaas.Core.Audit;
using AiMaas.Core.Vocabulary;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

/// <summary>Reads the audit trail.</summary>
public sealed class AuditFunctions(AuditReader reader, TimeProvider time)
{
    [RequiresScope(Scopes.Admin)]
    [Function(nameof(ReadAudit))]
    public async Task<IResult> ReadAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/audit")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var query = request.Query;
        var now = time.GetUtcNow();
        if (!TryTime(query["to"].FirstOrDefault(), now, out var to))
        {
            return Problem.Invalid("to", "expected an ISO 8601 time").ToHttpResult();
        }

        if (!TryTime(query["from"].FirstOrDefault(), to.AddDays(-1), out var from))
        {
            return Problem.Invalid("from", "expected an ISO 8601 time").ToHttpResult();
        }

        var pageSize = AuditReader.DefaultPageSize;
        if (query["pageSize"].FirstOrDefault() is { } size && !int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize))
        {
            return Problem.Invalid("pageSize", $"expected a whole number from 1 to {AuditReader.MaxPageSize}").ToHttpResult();
        }

        var page = await reader.ReadAsync(
            new AuditQuery(from, to, query["model"].FirstOrDefault(), query["actor"].FirstOrDefault(), pageSize, query["continuationToken"].FirstOrDefault()),
            cancellationToken);
        return page.ToHttpResult(TypedResults.Ok);
    }

    private static bool TryTime(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (text is null)
        {
            value = fallback;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
