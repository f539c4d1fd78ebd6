using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Training;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving.KServeV1;

/// <summary>KServe V1 (TensorFlow Serving style) prediction over a model's current version.</summary>
public sealed class KServeV1Service(ScoringRequestReader requests, ModelReadinessProbe probe, IOptions<AiMaasOptions> options)
{
    public Task<Result<ModelReadiness>> GetStatusAsync(string model, CancellationToken cancellationToken) =>
        probe.CheckAsync(new ModelReference(model), cancellationToken);

    public async Task<Result<V1PredictResponse>> PredictAsync(string model, Stream body, CancellationToken cancellationToken)
    {
        var read = await requests.ReadAsync(new ModelReference(model), body, cancellationToken).ConfigureAwait(false);
        if (read.Problem is { } readProblem)
        {
            return readProblem;
        }

        using var request = read.Value!;
        if (Onnx.OnnxVersionLoader.RequireNamedFeatures(request.Model) is { } unmapped)
        {
            return unmapped;
        }

        var input = InstanceReader.Read(request.Body, request.Model.InputSchema, options.Value.MaxInstancesPerRequest, allowPositional: true);
        if (input.Problem is { } problem)
        {
            return problem;
        }

        var scored = request.Model.Scorer.Score(input.Value!);
        return new V1PredictResponse(scored.Task == TaskKind.Regression ? scored.Scores!.Cast<object>().ToArray() : scored.ToPredictions());
    }
}
