using AiMaas.Core.Serving;
using AiMaas.Functions.Http;
using AiMaas.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

public sealed class PredictionFunctions(PredictionService predictions)
{
    [Function(nameof(Predict))]
    [ApiContract(typeof(PredictRequestBody), typeof(PredictionResponse))]
    public async Task<IResult> Predict(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/models/{model}/predict")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await predictions.PredictAsync(new ModelReference(model), request.Body, cancellationToken)).ToHttpResult(TypedResults.Ok);

    [Function(nameof(PredictVersion))]
    [ApiContract(typeof(PredictRequestBody), typeof(PredictionResponse))]
    public async Task<IResult> PredictVersion(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/models/{model}/versions/{version:int}/predict")] HttpRequest request,
        string model,
        int version,
        CancellationToken cancellationToken) =>
        (await predictions.PredictAsync(new ModelReference(model, version), request.Body, cancellationToken)).ToHttpResult(TypedResults.Ok);

    [Function(nameof(PredictAlias))]
    [ApiContract(typeof(PredictRequestBody), typeof(PredictionResponse))]
    public async Task<IResult> PredictAlias(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/models/{model}/aliases/{alias}/predict")] HttpRequest request,
        string model,
        string alias,
        CancellationToken cancellationToken) =>
        (await predictions.PredictAsync(new ModelReference(model, Alias: alias), request.Body, cancellationToken)).ToHttpResult(TypedResults.Ok);
}
