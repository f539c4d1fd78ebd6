using AiMaas.Core.Access;
using AiMaas.Core.Registry;
using AiMaas.Functions.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

/// <summary>The models a caller may predict, for clients of the V2 protocol.</summary>
public sealed class ModelIndexFunctions(ModelCatalog catalog)
{
    [RequiresScope(FunctionScopes.AnyCredential)]
    [Function(nameof(V2ListModels))]
    public async Task<IResult> V2ListModels(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/models")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var caller = request.HttpContext.GetCaller();
        var models = (await catalog.ListAsync(cancellationToken))
            .Where(m => caller.MayUseModel(Scopes.Predict, m.Name))
            .Select(m => new { name = m.Name, currentVersion = m.CurrentVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .ToArray();
        return TypedResults.Ok(new { models });
    }
}
