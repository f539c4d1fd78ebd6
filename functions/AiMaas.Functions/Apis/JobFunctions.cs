using AiMaas.Core.Access;
using AiMaas.Core.Batch;
using AiMaas.Core.Jobs;
using AiMaas.Core.Vocabulary;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class JobFunctions(JobStore jobs, BatchStore batches, JobStallCheck stallCheck)
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

        var caller = request.HttpContext.GetCaller();

        // A job is visible to whoever may train its model (a batch job: predict with it); to anyone else it does not exist.
        if (await jobs.GetAsync(jobId, cancellationToken) is { } job)
        {
            return caller.Has(Scopes.Admin) || (job.Model is not null && caller.MayUseModel(Scopes.Train, job.Model))
                ? TypedResults.Ok(stallCheck.Annotate(job))
                : NotFound(jobId);
        }

        return await batches.GetAsync(jobId, cancellationToken) is { } batch && (caller.Has(Scopes.Admin) || caller.MayUseModel(Scopes.Predict, batch.Model))
            ? TypedResults.Ok(batch)
            : NotFound(jobId);
    }

    private static IResult NotFound(string jobId) => Problem.NotFound($"Job '{jobId}' does not exist.").ToHttpResult();
}
