using System.Text.Json;
using AiMaas.Core.Data;
using AiMaas.Core.Serving.Scoring;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving;

/// <summary>The AiMaas API's predict calls on the <see cref="PredictPipeline"/>: <c>{"instances": [...]}</c> in, predictions by task out.</summary>
public sealed class PredictionService(PredictPipeline pipeline, JsonBodyReader bodies, IOptions<ServingOptions> options)
    : IPredictProtocol<JsonDocument, PredictionResponse>
{
    string IPredictProtocol<JsonDocument, PredictionResponse>.Name => PredictionProtocol.AiMaas;

    public Task<Result<PredictionResponse>> PredictAsync(ModelReference reference, Stream body, CancellationToken cancellationToken) =>
        PredictAsync(reference, body, requestId: null, cancellationToken);

    /// <summary>Predicts and, when the model's logging settings say so, records the call under <paramref name="requestId"/>.</summary>
    public Task<Result<PredictionResponse>> PredictAsync(ModelReference reference, Stream body, string? requestId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(this, reference, requestId, token => bodies.ReadAsync(body, token), cancellationToken);

    Result<TabularDataView> IPredictProtocol<JsonDocument, PredictionResponse>.ReadRows(JsonDocument body, LoadedModel model) =>
        Onnx.OnnxVersionLoader.RequireNamedFeatures(model) is { } unmapped
            ? unmapped
            : InstanceReader.Read(body.RootElement, model.InputSchema, options.Value.MaxInstancesPerRequest);

    PredictionResponse IPredictProtocol<JsonDocument, PredictionResponse>.Respond(JsonDocument body, LoadedModel model, ScoredBatch scored) =>
        new(model.Manifest.Model, model.Manifest.Version, scored.ToPredictions());
}
