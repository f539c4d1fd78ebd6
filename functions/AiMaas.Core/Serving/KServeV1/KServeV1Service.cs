using System.Text.Json;
using AiMaas.Core.Data;
using AiMaas.Core.Serving.Scoring;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving.KServeV1;

/// <summary>KServe V1 (TensorFlow Serving style) prediction over a model's current version, on the <see cref="PredictPipeline"/>.</summary>
public sealed class KServeV1Service(PredictPipeline pipeline, JsonBodyReader bodies, ModelStatusService statuses, IOptions<ServingOptions> options)
    : IPredictProtocol<JsonDocument, V1PredictResponse>
{
    string IPredictProtocol<JsonDocument, V1PredictResponse>.Name => PredictionProtocol.KServeV1;

    public Task<Result<ModelStatus>> GetStatusAsync(string model, CancellationToken cancellationToken) =>
        statuses.GetAsync(new ModelReference(model), cancellationToken);

    public Task<Result<V1PredictResponse>> PredictAsync(string model, Stream body, CancellationToken cancellationToken) =>
        PredictAsync(model, body, requestId: null, cancellationToken);

    /// <summary>Predicts and, when the model's logging settings say so, records the call under <paramref name="requestId"/>.</summary>
    public Task<Result<V1PredictResponse>> PredictAsync(string model, Stream body, string? requestId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(this, new ModelReference(model), requestId, token => bodies.ReadAsync(body, token), cancellationToken);

    Result<TabularDataView> IPredictProtocol<JsonDocument, V1PredictResponse>.ReadRows(JsonDocument body, LoadedModel model) =>
        Onnx.OnnxVersionLoader.RequireNamedFeatures(model) is { } unmapped
            ? unmapped
            : InstanceReader.Read(body.RootElement, model.InputSchema, options.Value.MaxInstancesPerRequest, allowPositional: true);

    V1PredictResponse IPredictProtocol<JsonDocument, V1PredictResponse>.Respond(JsonDocument body, LoadedModel model, ScoredBatch scored) =>
        new(scored.Task == TaskKind.Regression ? scored.Scores!.Cast<object>().ToArray() : scored.ToPredictions());
}
