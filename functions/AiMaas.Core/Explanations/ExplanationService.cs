using System.Globalization;
using AiMaas.Core.Serving;
using AiMaas.Core.Serving.OpenInference;
using AiMaas.Core.Serving.Scoring;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Explanations;

/// <summary>
/// Answers explain calls with the body of a predict call: each instance's prediction exactly as predict gives it,
/// and why, as a base value plus one contribution per input column.
/// </summary>
public sealed class ExplanationService(ScoringRequestReader requests, ExplainerProvider explainers, IOptions<ServingOptions> options)
{
    public Task<Result<ExplanationResponse>> ExplainAsync(ModelReference reference, Stream body, CancellationToken cancellationToken) =>
        ExplainAsync(reference, body, allowPositional: false, cancellationToken);

    /// <summary>KServe V1's explain: <c>{"explanations": [...]}</c>; instances may also be arrays of values in feature order.</summary>
    public async Task<Result<V1ExplainResponse>> ExplainV1Async(string model, Stream body, CancellationToken cancellationToken)
    {
        var explained = await ExplainAsync(new ModelReference(model), body, allowPositional: true, cancellationToken).ConfigureAwait(false);
        return explained.Failed(out var problem) ? problem : new V1ExplainResponse(explained.Value.Explanations);
    }

    /// <summary>The V2 extension: the body of an infer call (one tensor per feature), one explanation per row.</summary>
    public async Task<Result<V2ExplainResponse>> ExplainV2Async(ModelReference reference, Stream body, CancellationToken cancellationToken)
    {
        var read = await requests.ReadAsync(reference, body, cancellationToken).ConfigureAwait(false);
        if (read.Failed(out var readProblem))
        {
            return readProblem;
        }

        using var scoring = read.Value;
        var model = scoring.Model;
        var request = InferenceRequestReader.Read(scoring.Body, model.InputSchema, model.Manifest.Task, options.Value.MaxInstancesPerRequest);
        if (request.Failed(out var problem))
        {
            return problem;
        }

        var explainer = await explainers.GetAsync(model).ConfigureAwait(false);
        var batch = request.Value.Batch;
        return new V2ExplainResponse(
            model.Manifest.Model,
            model.Manifest.Version.ToString(CultureInfo.InvariantCulture),
            request.Value.Id,
            explainer.Output,
            explainer.Explain(batch, model.Scorer.Score(batch)));
    }

    private async Task<Result<ExplanationResponse>> ExplainAsync(ModelReference reference, Stream body, bool allowPositional, CancellationToken cancellationToken)
    {
        var read = await requests.ReadAsync(reference, body, cancellationToken).ConfigureAwait(false);
        if (read.Failed(out var readProblem))
        {
            return readProblem;
        }

        using var request = read.Value;
        var model = request.Model;
        var input = InstanceReader.Read(request.Body, model.InputSchema, options.Value.MaxInstancesPerRequest, allowPositional);
        if (input.Failed(out var problem))
        {
            return problem;
        }

        var explainer = await explainers.GetAsync(model).ConfigureAwait(false);
        var batch = input.Value;
        var predictions = model.Scorer.Score(batch);
        return new ExplanationResponse(model.Manifest.Model, model.Manifest.Version, explainer.Output, explainer.Explain(batch, predictions));
    }
}
