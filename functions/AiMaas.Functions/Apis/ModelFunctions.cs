using AiMaas.Core.Registry;
using AiMaas.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class ModelFunctions(ModelCatalog catalog)
{
    [Function(nameof(ListModels))]
    public async Task<IResult> ListModels(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/models")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(new { models = await catalog.ListAsync(cancellationToken) });

    [Function(nameof(GetModel))]
    public async Task<IResult> GetModel(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/models/{model}")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await catalog.GetAsync(model, cancellationToken)).ToHttpResult(TypedResults.Ok);

    [Function(nameof(GetModelVersion))]
    public async Task<IResult> GetModelVersion(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/models/{model}/versions/{version:int}")] HttpRequest request,
        string model,
        int version,
        CancellationToken cancellationToken) =>
        (await catalog.GetVersionAsync(model, version, cancellationToken)).ToHttpResult(TypedResults.Ok);
}
