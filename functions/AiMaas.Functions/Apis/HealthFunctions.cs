using AiMaas.Core.Health;
using AiMaas.Functions.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class HealthFunctions(StorageHealthProbe health)
{
    [RequiresScope(FunctionScopes.Anonymous)]
    [Function(nameof(Health))]
    public async Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        return report.IsHealthy ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
