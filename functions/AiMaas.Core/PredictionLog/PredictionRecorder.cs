using System.Diagnostics;
using AiMaas.Core.Serving;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Wraps a protocol's predict call: times it, and when the model's settings say so (enabled and sampled on the request id)
/// leaves a reference to request and response, errors included, in the buffer; the flusher serializes it. Never waits on storage.
/// </summary>
public sealed class PredictionRecorder(LoggingSettingsCache settings, PredictionLogBuffer buffer, TimeProvider time)
    : IPredictionRecorder
{
    public async Task<Result<T>> RecordAsync<T>(
        string protocol, ModelReference reference, string? requestId, Func<PredictionCall, Task<Result<T>>> predict)
    {
        var call = new PredictionCall(protocol, reference, requestId ?? RequestIds.New(), time.GetUtcNow(), Stopwatch.GetTimestamp());
        Result<T> result;
        try
        {
            result = await predict(call).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await CompleteAsync(call, 500, "unexpected error: " + ex.GetType().Name).ConfigureAwait(false);
            throw;
        }

        await CompleteAsync(call, result.Failed(out var problem) ? ProblemStatus.Of(problem.Kind) : 200, result.Problem?.Detail).ConfigureAwait(false);
        return result;
    }

    private async ValueTask CompleteAsync(PredictionCall call, int status, string? error)
    {
        var latency = Stopwatch.GetElapsedTime(call.StartTimestamp).TotalMilliseconds;

        // Only a model that resolved may cause a settings read; errors for other names are logged only if already known,
        // so that requests for made-up names cannot fill the cache.
        var current = call.Model is not null
            ? await settings.GetAsync(call.Reference.Model).ConfigureAwait(false)
            : settings.Peek(call.Reference.Model);
        if (current is not { Enabled: true } || !Sampling.IsSampled(call.RequestId, current.SamplingRate))
        {
            return;
        }

        buffer.Add(new CapturedPrediction(call, current, status, error, latency));
    }
}
