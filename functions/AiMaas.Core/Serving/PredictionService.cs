using AiMaas.Core.Serving.Scoring;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving;

/// <summary>Answers the AiMaas API's predict calls: read the body, resolve the version, validate instances against the model's schema, score.</summary>
public sealed class PredictionService(JsonBodyReader bodies, ModelResolver models, IOptions<AiMaasOptions> options)
{
    public async Task<Result<PredictionResponse>> PredictAsync(ModelReference reference, Stream body, CancellationToken cancellationToken)
    {
        var parsed = await bodies.ReadAsync(body, cancellationToken).ConfigureAwait(false);
        if (parsed.Problem is { } bodyProblem)
        {
            return bodyProblem;
        }

        using var document = parsed.Value!;
        var loaded = await models.LoadAsync(reference, cancellationToken).ConfigureAwait(false);
        if (loaded.Problem is { } modelProblem)
        {
            return modelProblem;
        }

        var model = loaded.Value!;
        var input = InstanceReader.Read(document.RootElement, model.InputSchema, options.Value.MaxInstancesPerRequest);
        if (input.Problem is { } problem)
        {
            return problem;
        }

        var scored = model.Scorer.Score(input.Value!);
        return new PredictionResponse(model.Manifest.Model, model.Manifest.Version, scored.ToPredictions());
    }
}
