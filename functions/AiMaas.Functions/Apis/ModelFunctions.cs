using AiMaas.Core.Lifecycle;
using AiMaas.Core.Registry;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class ModelFunctions(ModelCatalog catalog, ModelLifecycle lifecycle)
{
    [RequiresScope(FunctionScopes.AnyCredential)]
    [Function(nameof(ListModels))]
    [ApiContract(null, null, Summary = "List models")]
    public async Task<IResult> ListModels(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/models")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(new { models = (await catalog.ListAsync(cancellationToken)).Where(m => request.HttpContext.GetCaller().MayReadModel(m.Name)).ToArray() });

    [RequiresScope(FunctionScopes.ReadModel)]
    [Function(nameof(GetModel))]
    [ApiContract(null, typeof(ModelDetails))]
    public async Task<IResult> GetModel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/models/{model}")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await catalog.GetAsync(model, cancellationToken)).ToHttpResult(details => TypedResults.Ok(details).WithETag(request, details.ETag));

    [RequiresScope("manage:{model}", Audit = "model.deleted")]
    [Function(nameof(DeleteModel))]
    [ApiContract(null, null, Status = 204)]
    public async Task<IResult> DeleteModel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/models/{model}")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await lifecycle.DeleteModelAsync(model, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());

    [RequiresScope(FunctionScopes.ReadModel)]
    [Function(nameof(ListModelVersions))]
    [ApiContract(null, typeof(VersionPage))]
    public async Task<IResult> ListModelVersions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/models/{model}/versions")] HttpRequest request,
        string model,
        CancellationToken cancellationToken)
    {
        return (await catalog.ListVersionsAsync(model, request.Query["pageSize"].FirstOrDefault(), request.Query["continuationToken"].FirstOrDefault(), cancellationToken))
            .ToHttpResult(TypedResults.Ok);
    }

    [RequiresScope(FunctionScopes.ReadModel)]
    [Function(nameof(GetModelVersion))]
    [ApiContract(null, typeof(ModelManifest))]
    public async Task<IResult> GetModelVersion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/models/{model}/versions/{version:int}")] HttpRequest request,
        string model,
        int version,
        CancellationToken cancellationToken) =>
        (await catalog.GetVersionAsync(model, version, cancellationToken)).ToHttpResult(TypedResults.Ok);

    [RequiresScope("manage:{model}", Audit = "version.deleted")]
    [Function(nameof(DeleteModelVersion))]
    [ApiContract(null, null, Status = 204)]
    public async Task<IResult> DeleteModelVersion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/models/{model}/versions/{version:int}")] HttpRequest request,
        string model,
        int version,
        CancellationToken cancellationToken) =>
        (await lifecycle.DeleteVersionAsync(model, version, cancellationToken)).ToHttpResult(_ => TypedResults.NoContent());
}
