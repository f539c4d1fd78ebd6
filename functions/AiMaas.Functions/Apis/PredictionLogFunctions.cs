using AiMaas.Functions.Access;
using AiMaas.Core.PredictionLog;
using AiMaas.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

/// <summary>A model's prediction log: its settings (ETag-guarded) and its logged records, newest first.</summary>
public sealed class PredictionLogFunctions(PredictionLogService log)
{
    [RequiresScope("manage:{model}")]
    [Function(nameof(GetLoggingSettings))]
    public async Task<IResult> GetLoggingSettings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/models/{model}/logging")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await log.GetSettingsAsync(model, cancellationToken)).ToHttpResult(found => WithETag(TypedResults.Ok(found.Settings), request, found.ETag));

    [RequiresScope("manage:{model}", Audit = "logging.changed")]
    [Function(nameof(SetLoggingSettings))]
    public async Task<IResult> SetLoggingSettings(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/models/{model}/logging")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await log.PutSettingsAsync(model, request.Body, request.IfMatch(), cancellationToken))
            .ToHttpResult(updated => WithETag(TypedResults.Ok(updated.Settings), request, updated.ETag));

    [RequiresScope("manage:{model}")]
    [Function(nameof(ListPredictions))]
    public async Task<IResult> ListPredictions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/models/{model}/predictions")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await log.ReadAsync(
            model,
            request.Query["from"].FirstOrDefault(),
            request.Query["to"].FirstOrDefault(),
            request.Query["limit"].FirstOrDefault(),
            request.Query["continuationToken"].FirstOrDefault(),
            cancellationToken)).ToHttpResult(TypedResults.Ok);

    private static IResult WithETag(IResult result, HttpRequest request, string? etag) =>
        etag is null ? result : result.WithETag(request, etag);
}
