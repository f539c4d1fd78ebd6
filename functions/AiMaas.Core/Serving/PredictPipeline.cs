namespace AiMaas.Core.Serving;

/// <summary>
/// The one predict path every protocol (AiMaas <c>/api</c>, KServe V1, Open Inference V2) runs: record the call, read the
/// body within its limit (a malformed body is named before an unknown model), resolve the reference and load the version,
/// let the protocol read its rows, score them on the version's scorer, let the protocol shape the response.
/// </summary>
public sealed class PredictPipeline(ModelProvider models, IPredictionRecorder recorder)
{
    public async Task<Result<TResponse>> RunAsync<TBody, TResponse>(
        IPredictProtocol<TBody, TResponse> protocol,
        ModelReference reference,
        string? requestId,
        Func<CancellationToken, Task<Result<TBody>>> readBody,
        CancellationToken cancellationToken)
        where TBody : IDisposable
    {
        var call = recorder.Start(protocol.Name, reference, requestId);
        Result<TResponse> result;
        try
        {
            result = await RunAsync(protocol, reference, readBody, call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await recorder.CompleteAsync(call, 500, "unexpected error: " + ex.GetType().Name).ConfigureAwait(false);
            throw;
        }

        await recorder.CompleteAsync(call, result.Failed(out var problem) ? ProblemStatus.Of(problem.Kind) : 200, result.Problem?.Detail)
            .ConfigureAwait(false);
        return result;
    }

    private async Task<Result<TResponse>> RunAsync<TBody, TResponse>(
        IPredictProtocol<TBody, TResponse> protocol,
        ModelReference reference,
        Func<CancellationToken, Task<Result<TBody>>> readBody,
        PredictionCall call,
        CancellationToken cancellationToken)
        where TBody : IDisposable
    {
        var read = await readBody(cancellationToken).ConfigureAwait(false);
        if (read.Failed(out var bodyProblem))
        {
            return bodyProblem;
        }

        using var body = read.Value;
        var loaded = await models.GetAsync(reference, cancellationToken).ConfigureAwait(false);
        if (loaded.Failed(out var modelProblem))
        {
            return modelProblem;
        }

        var model = loaded.Value;
        call.Resolved(model);
        if (protocol.AnswerDirectly(body, model) is { } answered)
        {
            return answered;
        }

        var rows = protocol.ReadRows(body, model);
        if (rows.Failed(out var rowsProblem))
        {
            return rowsProblem;
        }

        var scored = model.Scorer.Score(rows.Value);
        call.Scored(rows.Value, scored);
        return protocol.Respond(body, model, scored);
    }
}
