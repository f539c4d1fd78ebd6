using AiMaas.Core.Lifecycle;
using AiMaas.Core.Registry;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class AliasFunctions(ModelLifecycle lifecycle)
{
    [RequiresScope("manage:{model}", Audit = "alias.set")]
    [Function(nameof(SetAlias))]
    [ApiContract(typeof(AliasRequestBody), typeof(ModelDocument))]
    public async Task<IResult> SetAlias(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/models/{model}/aliases/{alias}")] HttpRequest request,
        string model,
        string alias,
        CancellationToken cancellationToken) =>
        (await lifecycle.SetAliasAsync(model, alias, request.Body, request.IfMatch(), cancellationToken))
            .ToHttpResult(updated => TypedResults.Ok(updated.Document).WithETag(request, updated.ETag));

    [RequiresScope("manage:{model}", Audit = "alias.deleted")]
    [Function(nameof(DeleteAlias))]
    [ApiContract(null, typeof(ModelDocument))]
    public async Task<IResult> DeleteAlias(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/models/{model}/aliases/{alias}")] HttpRequest request,
        string model,
        string alias,
        CancellationToken cancellationToken) =>
        (await lifecycle.RemoveAliasAsync(model, alias, request.IfMatch(), cancellationToken))
            .ToHttpResult(updated => TypedResults.Ok(updated.Document).WithETag(request, updated.ETag));
}
