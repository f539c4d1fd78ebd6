namespace AiMaas.Core.PredictionLog;

/// <summary>Logging settings with the ETag a client sends back in If-Match.</summary>
public sealed record VersionedLoggingSettings(LoggingSettings Settings, string? ETag);
