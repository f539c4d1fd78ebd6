namespace AiMaas.Core.Serving;

/// <summary>Explain calls' first steps: read the body within its limit, then resolve and load the model (predict calls run <see cref="PredictPipeline"/>).</summary>
public sealed class ScoringRequestReader(JsonBodyReader bodies, ModelProvider models)
{
    public async Task<Result<ScoringRequest>> ReadAsync(ModelReference reference, Stream body, CancellationToken cancellationToken)
    {
        var parsed = await bodies.ReadAsync(body, cancellationToken).ConfigureAwait(false);
        if (parsed.Failed(out var bodyProblem))
        {
            return bodyProblem;
        }

        var loaded = await models.GetAsync(reference, cancellationToken).ConfigureAwait(false);
        if (loaded.Failed(out var modelProblem))
        {
            parsed.Value.Dispose();
            return modelProblem;
        }

        return new ScoringRequest(parsed.Value, loaded.Value);
    }
}
