using AiMaas.Core.Training;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class EvaluationFunctions(EvaluationStore evaluations)
{
    [RequiresScope(FunctionScopes.ReadModel)]
    [Function(nameof(GetVersionEvaluation))]
    [ApiContract(null, typeof(EvaluationSample), Summary = "A version's hold-out rows (at most 2,000, seeded) with true and predicted labels, for charts")]
    public async Task<IResult> GetVersionEvaluation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/models/{model}/versions/{version:int}/evaluation")] HttpRequest request,
        string model,
        int version,
        CancellationToken cancellationToken) =>
        (await evaluations.GetAsync(model, version, cancellationToken)).ToHttpResult(TypedResults.Ok);
}
