using System.Text.Json;
using AiMaas.Core.Jobs;
using AiMaas.Core.Storage;
using Azure;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Training;

/// <summary>Validates a training request, records the job as queued and puts the message on the training queue.</summary>
public sealed class TrainingJobSubmitter(AiMaasStorage storage, JobStore jobs, TimeProvider time, IOptions<AiMaasOptions> options)
{
    /// <summary>Submits the JSON body of <c>POST /api/models/{model}/train</c>; the route names the model.</summary>
    public async Task<Result<JobRecord>> SubmitAsync(string model, Stream body, CancellationToken cancellationToken)
    {
        TrainingRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<TrainingRequest>(body, AiMaasJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Problem.Invalid("body", $"malformed JSON: {ex.Message}");
        }

        if (request is null)
        {
            return Problem.Invalid("body", "expected a training request object, e.g. {\"dataset\": \"iris.csv\", \"label\": \"species\"}");
        }

        if (request.Model is not null && request.Model != model)
        {
            return Problem.Invalid("model", $"the route names model '{model}' but the body names '{request.Model}'; leave 'model' out of the body");
        }

        return await SubmitAsync(request with { Model = model }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<JobRecord>> SubmitAsync(TrainingRequest request, CancellationToken cancellationToken)
    {
        var jobId = request.JobId ?? Guid.NewGuid().ToString("N");
        var spec = TrainingRequestValidator.Validate(request with { JobId = jobId }, options.Value.MaxInlineCsvBytes);
        if (spec.Failed(out var problem))
        {
            return problem;
        }

        if (await jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false) is not null)
        {
            return new Problem(ProblemKind.Conflict, "Job exists", $"jobId: a job with id '{jobId}' already exists; omit 'jobId' to get a new one.");
        }

        var now = time.GetUtcNow();
        var job = new JobRecord
        {
            JobId = jobId,
            Status = JobStatus.Queued,
            Model = spec.Value.Model,
            Dataset = spec.Value.Dataset,
            Label = spec.Value.Label,
            Task = spec.Value.Task,
            CreatedAt = now,
            UpdatedAt = now,
        };
        // The record first: the trainer may pick the message up before this method returns.
        await jobs.SaveAsync(job, cancellationToken).ConfigureAwait(false);
        var body = JsonSerializer.Serialize(request with { JobId = jobId }, AiMaasJson.Options);
        try
        {
            await storage.TrainingQueue.SendMessageAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException || StorageOutage.Is(ex))
        {
            // Never leave a job that claims to be queued when no message is (the SDK reports exhausted retries as an AggregateException).
            await jobs.SaveAsync(job with { Status = JobStatus.Failed, Error = $"The job could not be queued: {ex.Message}", UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            return new Problem(ProblemKind.Unavailable, "Queue unavailable", $"The training queue did not accept the job ({(ex as RequestFailedException)?.Status ?? 0}); try again.");
        }

        return job;
    }
}
