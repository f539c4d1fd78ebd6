using AiMaas.Functions.Access;
using AiMaas.Core.Drift;
using AiMaas.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

/// <summary>Drift of a model's logged inputs, or of a batch job's input, against its training rows.</summary>
public sealed class DriftFunctions(DriftService drift)
{
    [RequiresScope("manage:{model}")]
    [Function(nameof(GetDrift))]
    public async Task<IResult> GetDrift(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/models/{model}/drift")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await drift.ComputeAsync(
            model,
            request.Query["from"].FirstOrDefault(),
            request.Query["to"].FirstOrDefault(),
            request.Query["version"].FirstOrDefault(),
            cancellationToken)).ToHttpResult(TypedResults.Ok);

    [RequiresScope("manage:{model}")]
    [Function(nameof(GetBatchDrift))]
    public async Task<IResult> GetBatchDrift(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/models/{model}/batch/{jobId}/drift")] HttpRequest request,
        string model,
        string jobId,
        CancellationToken cancellationToken) =>
        (await drift.ComputeForBatchAsync(model, jobId, cancellationToken)).ToHttpResult(TypedResults.Ok);
}
