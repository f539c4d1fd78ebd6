using AiMaas.Core.Serving.KServeV1;
using AiMaas.Functions.Access;
using AiMaas.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AiMaas.Functions.Apis;

/// <summary>KServe V1 / TensorFlow Serving style prediction at the host's root, over each model's current version.</summary>
public sealed class KServeV1Functions(KServeV1Service v1)
{
    [RequiresScope("predict:{model}")]
    [Function(nameof(V1Predict))]
    public async Task<IResult> V1Predict(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/models/{model}:predict")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await v1.PredictAsync(model, request.Body, request.RequestId(), cancellationToken)).ToProtocolResult(TypedResults.Ok);

    [RequiresScope("predict:{model}")]
    [Function(nameof(V1ModelStatus))]
    public async Task<IResult> V1ModelStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/models/{model}")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) =>
        (await v1.GetStatusAsync(model, cancellationToken)).ToProtocolResult(TypedResults.Ok);
}
