using AiMaas.Core.Serving.Scoring;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving;

/// <summary>Answers the AiMaas API's predict calls: read the body, resolve the version, validate instances against the model's schema, score.</summary>
public sealed class PredictionService(ScoringRequestReader requests, IPredictionRecorder recorder, IOptions<ServingOptions> options)
{
    public Task<Result<PredictionResponse>> PredictAsync(ModelReference reference, Stream body, CancellationToken cancellationToken) =>
        PredictAsync(reference, body, requestId: null, cancellationToken);

    /// <summary>Predicts and, when the model's logging settings say so, records the call under <paramref name="requestId"/>.</summary>
    public Task<Result<PredictionResponse>> PredictAsync(ModelReference reference, Stream body, string? requestId, CancellationToken cancellationToken) =>
        recorder.RecordAsync(PredictionProtocol.AiMaas, reference, requestId, call => PredictAsync(reference, body, call, cancellationToken));

    private async Task<Result<PredictionResponse>> PredictAsync(ModelReference reference, Stream body, PredictionCall call, CancellationToken cancellationToken)
    {
        var read = await requests.ReadAsync(reference, body, cancellationToken).ConfigureAwait(false);
        if (read.Failed(out var readProblem))
        {
            return readProblem;
        }

        using var request = read.Value;

        var model = request.Model;
        call.Resolved(model);
        if (Onnx.OnnxVersionLoader.RequireNamedFeatures(model) is { } unmapped)
        {
            return unmapped;
        }

        var input = InstanceReader.Read(request.Body, model.InputSchema, options.Value.MaxInstancesPerRequest);
        if (input.Failed(out var problem))
        {
            return problem;
        }

        var scored = model.Scorer.Score(input.Value);
        call.Scored(input.Value, scored);
        return new PredictionResponse(model.Manifest.Model, model.Manifest.Version, scored.ToPredictions());
    }
}
