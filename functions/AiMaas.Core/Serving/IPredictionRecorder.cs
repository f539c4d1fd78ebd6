namespace AiMaas.Core.Serving;

/// <summary>
/// Records what each protocol's predict call did; the prediction log implements it, so that serving does not depend on
/// where or whether records are written. The pipeline starts a call before reading the body and completes it with the
/// status it answers (no callback wrapped around the call: nothing to allocate per request).
/// </summary>
public interface IPredictionRecorder
{
    PredictionCall Start(string protocol, ModelReference reference, string? requestId);

    /// <summary>Takes the finished call; never waits on storage.</summary>
    ValueTask CompleteAsync(PredictionCall prediction, int status, string? problemDetail);
}
