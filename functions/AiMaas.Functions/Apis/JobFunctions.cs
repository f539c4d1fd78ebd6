using AiMaas.Core.Access;
using AiMaas.Core.Jobs;
using AiMaas.Core.Vocabulary;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class JobFunctions(JobStore jobs, JobStallCheck stallCheck)
{
    [RequiresScope(FunctionScopes.AnyCredential)]
    [Function(nameof(GetJob))]
    [ApiContract(null, typeof(JobRecord))]
    public async Task<IResult> GetJob(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/jobs/{jobId}")] HttpRequest request,
        string jobId,
        CancellationToken cancellationToken)
    {
        if (Identifiers.ValidateJobId(jobId) is { } error)
        {
            return Problem.Invalid("jobId", error).ToHttpResult();
        }

        // A job is visible to whoever may train its model; to anyone else it does not exist.
        return await jobs.GetAsync(jobId, cancellationToken) is { } job
            && request.HttpContext.GetCaller() is var caller
            && (caller.Has(Scopes.Admin) || (job.Model is not null && caller.MayUseModel(Scopes.Train, job.Model)))
            ? TypedResults.Ok(stallCheck.Annotate(job))
            : Problem.NotFound($"Job '{jobId}' does not exist.").ToHttpResult();
    }
}
