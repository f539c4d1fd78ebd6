using System.Diagnostics;
using AiMaas.Core.Serving;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Follows a protocol's predict call: times it, and when the model's settings say so (enabled and sampled on the request id)
/// adds its log line, request and response together, errors included, to the buffer. Never waits on storage.
/// </summary>
public sealed class PredictionRecorder(LoggingSettingsCache settings, PredictionLogBuffer buffer, TimeProvider time)
    : IPredictionRecorder
{
    public PredictionCall Start(string protocol, ModelReference reference, string? requestId) =>
        new(protocol, reference, requestId ?? RequestIds.New(), time.GetUtcNow(), Stopwatch.GetTimestamp());

    public async ValueTask CompleteAsync(PredictionCall prediction, int status, string? problemDetail)
    {
        var latency = Stopwatch.GetElapsedTime(prediction.StartTimestamp).TotalMilliseconds;

        // Only a model that resolved may cause a settings read; errors for other names are logged only if already known,
        // so that requests for made-up names cannot fill the cache.
        var current = prediction.Model is not null
            ? await settings.GetAsync(prediction.Reference.Model).ConfigureAwait(false)
            : settings.Peek(prediction.Reference.Model);
        if (current is not { Enabled: true } || !Sampling.IsSampled(prediction.RequestId, current.SamplingRate))
        {
            return;
        }

        buffer.Add(new CapturedPrediction(prediction, current, status, problemDetail, latency));
    }
}
