namespace AiMaas.Core.Serving;

/// <summary>
/// Wraps each protocol's predict call so that what it did can be recorded; the prediction log implements it, so that
/// serving does not depend on where or whether records are written.
/// </summary>
public interface IPredictionRecorder
{
    Task<Result<T>> RecordAsync<T>(string protocol, ModelReference reference, string? requestId, Func<PredictionCall, Task<Result<T>>> predict);
}
