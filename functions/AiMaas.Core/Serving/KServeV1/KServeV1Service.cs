using AiMaas.Core.Serving.Scoring;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving.KServeV1;

/// <summary>KServe V1 (TensorFlow Serving style) prediction over a model's current version.</summary>
public sealed class KServeV1Service(ScoringRequestReader requests, ModelStatusService statuses, IPredictionRecorder recorder, IOptions<ServingOptions> options)
{
    public Task<Result<ModelStatus>> GetStatusAsync(string model, CancellationToken cancellationToken) =>
        statuses.GetAsync(new ModelReference(model), cancellationToken);

    public Task<Result<V1PredictResponse>> PredictAsync(string model, Stream body, CancellationToken cancellationToken) =>
        PredictAsync(model, body, requestId: null, cancellationToken);

    /// <summary>Predicts and, when the model's logging settings say so, records the call under <paramref name="requestId"/>.</summary>
    public Task<Result<V1PredictResponse>> PredictAsync(string model, Stream body, string? requestId, CancellationToken cancellationToken)
    {
        var reference = new ModelReference(model);
        return recorder.RecordAsync(PredictionProtocol.KServeV1, reference, requestId, call => PredictAsync(reference, body, call, cancellationToken));
    }

    private async Task<Result<V1PredictResponse>> PredictAsync(ModelReference reference, Stream body, PredictionCall call, CancellationToken cancellationToken)
    {
        var read = await requests.ReadAsync(reference, body, cancellationToken).ConfigureAwait(false);
        if (read.Failed(out var readProblem))
        {
            return readProblem;
        }

        using var request = read.Value;
        call.Resolved(request.Model);
        if (Onnx.OnnxVersionLoader.RequireNamedFeatures(request.Model) is { } unmapped)
        {
            return unmapped;
        }

        var input = InstanceReader.Read(request.Body, request.Model.InputSchema, options.Value.MaxInstancesPerRequest, allowPositional: true);
        if (input.Failed(out var problem))
        {
            return problem;
        }

        var scored = request.Model.Scorer.Score(input.Value);
        call.Scored(input.Value, scored);
        return new V1PredictResponse(scored.Task == TaskKind.Regression ? scored.Scores!.Cast<object>().ToArray() : scored.ToPredictions());
    }
}
