using AiMaas.Core.Serving;
namespace AiMaas.Core.PredictionLog;

/// <summary>
/// A sampled prediction as the predict path hands it to the buffer: the call (its parsed inputs and computed outputs) and the
/// settings in force, which the buffer serializes into a log line at once, redaction included.
/// </summary>
public sealed record CapturedPrediction(PredictionCall Call, LoggingSettings Settings, int Status, string? Error, double LatencyMs);
