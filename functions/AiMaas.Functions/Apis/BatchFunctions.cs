using AiMaas.Functions.Access;
using AiMaas.Core;
using AiMaas.Core.Batch;
using AiMaas.Core.Vocabulary;
using AiMaas.Functions.Hosting;
using AiMaas.Functions.Http;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

/// <summary>Batch scoring: submit a job over a blob or prefix of the datasets container, follow it, and the queue function that runs it.</summary>
public sealed class BatchFunctions(BatchSubmitter submitter, BatchJobRunner runner, BatchPoisonHandler poison, HostJson hostJson)
{
    [RequiresScope("predict:{model}", Audit = "batch.submitted")]
    [Function(nameof(SubmitBatch))]
    public Task<IResult> SubmitBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/models/{model}/batch")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        Submit(new ModelReference(model), request, cancellationToken);

    [RequiresScope("predict:{model}", Audit = "batch.submitted")]
    [Function(nameof(SubmitBatchVersion))]
    public Task<IResult> SubmitBatchVersion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/models/{model}/versions/{version:int}/batch")] HttpRequest request,
        string model,
        int version,
        CancellationToken cancellationToken) =>
        Submit(new ModelReference(model, version), request, cancellationToken);

    [RequiresScope("predict:{model}", Audit = "batch.submitted")]
    [Function(nameof(SubmitBatchAlias))]
    public Task<IResult> SubmitBatchAlias(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/models/{model}/aliases/{alias}/batch")] HttpRequest request,
        string model,
        string alias,
        CancellationToken cancellationToken) =>
        Submit(new ModelReference(model, Alias: alias), request, cancellationToken);

    [RequiresScope("predict:{model}")]
    [Function(nameof(GetBatch))]
    public async Task<IResult> GetBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/models/{model}/batch/{jobId}")] HttpRequest request,
        string model,
        string jobId,
        CancellationToken cancellationToken) =>
        (await submitter.GetAsync(model, jobId, cancellationToken)).ToHttpResult(TypedResults.Ok);

    /// <summary>Runs a batch job; rethrowing lets the host retry (the job resumes after its last committed chunk) and finally poison the message.</summary>
    [Function(nameof(ScoreFromQueue))]
    public Task ScoreFromQueue(
        [QueueTrigger($"%{BatchOptions.ScoringQueueSetting}%", Connection = AiMaasOptions.StorageConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        runner.RunAsync(message.Body.ToString(), message.DequeueCount, hostJson.Queues.MaxDequeueCount, progress: null, cancellationToken);

    /// <summary>
    /// The host moves a message here once its deliveries are used up, including when the last attempt was killed before it
    /// could record anything: its job is marked failed with the reason instead of staying running.
    /// </summary>
    [Function(nameof(FailPoisonedScoring))]
    public async Task FailPoisonedScoring(
        [QueueTrigger($"%{BatchOptions.ScoringQueueSetting}%-poison", Connection = AiMaasOptions.StorageConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        await poison.FailAsync(message.Body.ToString(), hostJson.Queues.MaxDequeueCount, cancellationToken);

    private async Task<IResult> Submit(ModelReference reference, HttpRequest request, CancellationToken cancellationToken) =>
        (await submitter.SubmitAsync(reference, request.Body, cancellationToken))
            .ToHttpResult(job => TypedResults.Accepted($"{hostJson.PathBase}/api/models/{job.Model}/batch/{job.JobId}", job));
}
