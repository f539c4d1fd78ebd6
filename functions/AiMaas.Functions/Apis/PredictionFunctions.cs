using AiMaas.Core.Serving;
using AiMaas.Core.Vocabulary;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class PredictionFunctions(PredictionService predictions)
{
    [RequiresScope("predict:{model}")]
    [Function(nameof(Predict))]
    [ApiContract(typeof(PredictRequestBody), typeof(PredictionResponse))]
    public async Task<IResult> Predict(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/models/{model}/predict")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await predictions.PredictAsync(new ModelReference(model), request.Body, request.RequestId(), cancellationToken)).ToHttpResult(TypedResults.Ok);

    [RequiresScope("predict:{model}")]
    [Function(nameof(PredictVersion))]
    [ApiContract(typeof(PredictRequestBody), typeof(PredictionResponse))]
    public async Task<IResult> PredictVersion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/models/{model}/versions/{version:int}/predict")] HttpRequest request,
        string model,
        int version,
        CancellationToken cancellationToken) =>
        (await predictions.PredictAsync(new ModelReference(model, version), request.Body, request.RequestId(), cancellationToken)).ToHttpResult(TypedResults.Ok);

    [RequiresScope("predict:{model}")]
    [Function(nameof(PredictAlias))]
    [ApiContract(typeof(PredictRequestBody), typeof(PredictionResponse))]
    public async Task<IResult> PredictAlias(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/models/{model}/aliases/{alias}/predict")] HttpRequest request,
        string model,
        string alias,
        CancellationToken cancellationToken) =>
        (await predictions.PredictAsync(new ModelReference(model, Alias: alias), request.Body, request.RequestId(), cancellationToken)).ToHttpResult(TypedResults.Ok);
}
