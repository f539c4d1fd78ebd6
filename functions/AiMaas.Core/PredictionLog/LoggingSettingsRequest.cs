namespace AiMaas.Core.PredictionLog;

/// <summary>The body of <c>PUT /api/models/{model}/logging</c>; absent fields take their defaults.</summary>
public sealed record LoggingSettingsRequest(
    bool? Enabled,
    double? SamplingRate,
    bool? CaptureInputs,
    bool? CaptureOutputs,
    IReadOnlyList<string?>? Redact,
    Redaction? Redaction,
    LogCompression? Compression);
