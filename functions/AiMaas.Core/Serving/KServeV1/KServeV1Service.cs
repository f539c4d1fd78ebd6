using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Training;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving.KServeV1;

/// <summary>KServe V1 (TensorFlow Serving style) prediction over a model's current version.</summary>
public sealed class KServeV1Service(JsonBodyReader bodies, ModelResolver models, ModelReadinessProbe probe, IOptions<AiMaasOptions> options)
{
    public Task<Result<ModelReadiness>> GetStatusAsync(string model, CancellationToken cancellationToken) =>
        probe.CheckAsync(new ModelReference(model), cancellationToken);

    public async Task<Result<V1PredictResponse>> PredictAsync(string model, Stream body, CancellationToken cancellationToken)
    {
        var parsed = await bodies.ReadAsync(body, cancellationToken).ConfigureAwait(false);
        if (parsed.Problem is { } bodyProblem)
        {
            return bodyProblem;
        }

        using var document = parsed.Value!;
        var loaded = await models.LoadAsync(new ModelReference(model), cancellationToken).ConfigureAwait(false);
        if (loaded.Problem is { } modelProblem)
        {
            return modelProblem;
        }

        var input = InstanceReader.Read(document.RootElement, loaded.Value!.InputSchema, options.Value.MaxInstancesPerRequest, allowPositional: true);
        if (input.Problem is { } problem)
        {
            return problem;
        }

        var scored = loaded.Value.Scorer.Score(input.Value!);
        return new V1PredictResponse(scored.Task == TaskKind.Regression ? scored.Scores!.Cast<object>().ToArray() : scored.ToPredictions());
    }
}
