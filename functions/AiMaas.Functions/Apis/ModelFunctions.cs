using AiMaas.Core.Registry;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class ModelFunctions(ModelCatalog catalog, ModelLifecycle lifecycle)
{
    [Function(nameof(ListModels))]
    [ApiContract(null, null, Summary = "List models")]
    public async Task<IResult> ListModels(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/models")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(new { models = await catalog.ListAsync(cancellationToken) });

    [Function(nameof(GetModel))]
    [ApiContract(null, typeof(ModelDetails))]
    public async Task<IResult> GetModel(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/models/{model}")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await catalog.GetAsync(model, cancellationToken)).ToHttpResult(details => TypedResults.Ok(details).WithETag(request, details.ETag));

    [Function(nameof(DeleteModel))]
    [ApiContract(null, null, Status = 204)]
    public async Task<IResult> DeleteModel(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/models/{model}")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await lifecycle.DeleteModelAsync(model, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());

    [Function(nameof(ListModelVersions))]
    [ApiContract(null, typeof(VersionPage))]
    public async Task<IResult> ListModelVersions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/models/{model}/versions")] HttpRequest request,
        string model,
        CancellationToken cancellationToken)
    {
        int? pageSize = null;
        if (request.Query["pageSize"].FirstOrDefault() is { } size)
        {
            if (!int.TryParse(size, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return Core.Problem.Invalid("pageSize", $"expected a whole number from 1 to {ModelCatalog.MaxPageSize}").ToHttpResult();
            }

            pageSize = parsed;
        }

        return (await catalog.ListVersionsAsync(model, pageSize, request.Query["continuationToken"].FirstOrDefault(), cancellationToken))
            .ToHttpResult(TypedResults.Ok);
    }

    [Function(nameof(GetModelVersion))]
    [ApiContract(null, typeof(ModelManifest))]
    public async Task<IResult> GetModelVersion(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/models/{model}/versions/{version:int}")] HttpRequest request,
        string model,
        int version,
        CancellationToken cancellationToken) =>
        (await catalog.GetVersionAsync(model, version, cancellationToken)).ToHttpResult(TypedResults.Ok);

    [Function(nameof(DeleteModelVersion))]
    [ApiContract(null, null, Status = 204)]
    public async Task<IResult> DeleteModelVersion(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/models/{model}/versions/{version:int}")] HttpRequest request,
        string model,
        int version,
        CancellationToken cancellationToken) =>
        (await lifecycle.DeleteVersionAsync(model, version, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());
}
