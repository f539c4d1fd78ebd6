using AiMaas.Core;
using AiMaas.Core.Jobs;
using AiMaas.Core.Training;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class JobFunctions(JobStore jobs, JobStallCheck stallCheck)
{
    [Function(nameof(GetJob))]
    [ApiContract(null, typeof(JobRecord))]
    public async Task<IResult> GetJob(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/jobs/{jobId}")] HttpRequest request,
        string jobId,
        CancellationToken cancellationToken)
    {
        if (Identifiers.ValidateJobId(jobId) is { } error)
        {
            return Problem.Invalid("jobId", error).ToHttpResult();
        }

        return await jobs.GetAsync(jobId, cancellationToken) is { } job
            ? TypedResults.Ok(stallCheck.Annotate(job))
            : Problem.NotFound($"Job '{jobId}' does not exist.").ToHttpResult();
    }
}
