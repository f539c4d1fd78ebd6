using AiMaas.Core.Serving;
namespace AiMaas.Core.PredictionLog;

/// <summary>
/// A sampled prediction as the predict path leaves it in the buffer: references to the call (its parsed inputs and computed
/// outputs, which nothing changes after the request) and the settings in force. The flusher turns it into a log line in the
/// background, redaction included, so the request pays for neither JSON nor HMAC.
/// </summary>
public sealed record CapturedPrediction(PredictionCall Call, LoggingSettings Settings, int Status, string? Error, double LatencyMs);
