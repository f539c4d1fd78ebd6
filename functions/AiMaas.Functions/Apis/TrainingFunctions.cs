using AiMaas.Core;
using AiMaas.Core.Audit;
using AiMaas.Core.Jobs;
using AiMaas.Core.Training;
using AiMaas.Functions.Hosting;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class TrainingFunctions(TrainingJobSubmitter submitter, TrainingJobRunner runner, TrainingPoisonHandler poison, TrainingAudit audit, HostJson hostJson)
{
    [RequiresScope("train:{model}", Audit = "training.submitted")]
    [Function(nameof(SubmitTraining))]
    [ApiContract(typeof(TrainingRequest), typeof(JobRecord), Status = 202)]
    public async Task<IResult> SubmitTraining(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/models/{model}/train")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await submitter.SubmitAsync(model, request.Body, cancellationToken))
            .ToHttpResult(job => TypedResults.Accepted($"{hostJson.PathBase}/api/jobs/{job.JobId}", job));

    /// <summary>Trains from a queue message; rethrowing lets the host retry and finally move the message to the poison queue.</summary>
    [Function(nameof(TrainFromQueue))]
    public async Task TrainFromQueue(
        [QueueTrigger($"%{AiMaasOptions.TrainingQueueSetting}%", Connection = AiMaasOptions.StorageConnectionName)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        var training = new TrainingMessage(message.Body.ToString(), message.MessageId, message.DequeueCount, hostJson.Queues.MaxDequeueCount);
        TrainingOutcome outcome;
        try
        {
            outcome = await runner.RunAsync(training, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await audit.RecordAttemptFailedAsync(training, ex, cancellationToken);
            throw;
        }

        await audit.RecordAsync(training, outcome, cancellationToken);
    }

    /// <summary>
    /// The host moves a message here once its deliveries are used up, including when the last attempt was killed
    /// before it could record anything: its job is marked failed with the reason instead of staying running.
    /// </summary>
    [Function(nameof(FailPoisonedTraining))]
    public async Task FailPoisonedTraining(
        [QueueTrigger($"%{AiMaasOptions.TrainingQueueSetting}%-poison", Connection = AiMaasOptions.StorageConnectionName)] QueueMessage message,
        CancellationToken cancellationToken) =>
        await poison.FailAsync(message.Body.ToString(), hostJson.Queues.MaxDequeueCount, cancellationToken);
}
