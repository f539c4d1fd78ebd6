using AiMaas.Core.Access;
using AiMaas.Core.Vocabulary;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

/// <summary>The platform's own API keys: issued once, stored as hashes, revoked by id.</summary>
public sealed class KeyFunctions(ApiKeyStore keys, TimeProvider time)
{
    [RequiresScope(Scopes.Admin, Audit = "key.created")]
    [Function(nameof(CreateKey))]
    public async Task<IResult> CreateKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/keys")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var read = await CreateKeyRequestReader.ReadAsync(request.Body, time.GetUtcNow(), cancellationToken);
        if (read.Failed(out var problem))
        {
            return problem.ToHttpResult();
        }

        var created = await keys.CreateAsync(read.Value, request.HttpContext.GetCaller().Actor, cancellationToken);
        return TypedResults.Created($"/api/keys/{created.Info.Id}", new { key = created.Key, created.Info.Id, created.Info.Name, created.Info.Scopes, created.Info.ExpiresAt, created.Info.Limits, created.Info.CreatedAt });
    }

    [RequiresScope(Scopes.Admin)]
    [Function(nameof(ListKeys))]
    public async Task<IResult> ListKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/keys")] HttpRequest request,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(new { keys = await keys.ListAsync(cancellationToken) });

    [RequiresScope(Scopes.Admin, Audit = "key.revoked")]
    [Function(nameof(RevokeKey))]
    public async Task<IResult> RevokeKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/keys/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await keys.RevokeAsync(id, cancellationToken) is not null
            ? TypedResults.NoContent()
            : Problem.NotFound($"Key '{id}' does not exist.").ToHttpResult();
}
