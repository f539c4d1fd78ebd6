using AiMaas.Core.Access;
using AiMaas.Core.Batch;
using AiMaas.Core.Jobs;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class JobFunctions(JobLookup lookup)
{
    [RequiresScope(FunctionScopes.AnyCredential)]
    [Function(nameof(GetJob))]
    [ApiContract(null, typeof(JobRecord))]
    public async Task<IResult> GetJob(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/jobs/{jobId}")] HttpRequest request,
        string jobId,
        CancellationToken cancellationToken)
    {
        var found = await lookup.FindAsync(jobId, cancellationToken);
        if (found.Failed(out var problem))
        {
            return problem.ToHttpResult();
        }

        // A job is visible to whoever may train its model (a batch job: predict with it); to anyone else it does not exist.
        var caller = request.HttpContext.GetCaller();
        return found.Value switch
        {
            { Training: { } job } when caller.Has(Scopes.Admin) || (job.Model is not null && caller.MayUseModel(Scopes.Train, job.Model)) => TypedResults.Ok(job),
            { Scoring: { } batch } when caller.Has(Scopes.Admin) || caller.MayUseModel(Scopes.Predict, batch.Model) => TypedResults.Ok(batch),
            _ => JobLookup.NotFound(jobId).ToHttpResult(),
        };
    }
}
