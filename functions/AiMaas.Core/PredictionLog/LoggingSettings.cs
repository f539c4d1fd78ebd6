namespace AiMaas.Core.PredictionLog;

/// <summary>A model's prediction log settings, stored beside its model document and updated under an ETag.</summary>
public sealed record LoggingSettings
{
    public static LoggingSettings Disabled { get; } = new();

    public bool Enabled { get; init; }

    /// <summary>Share of requests recorded, 0..1, decided on a hash of the request id so a request is sampled everywhere or nowhere.</summary>
    public double SamplingRate { get; init; } = 1.0;

    public bool CaptureInputs { get; init; } = true;

    public bool CaptureOutputs { get; init; } = true;

    /// <summary>Features whose values never reach storage.</summary>
    public IReadOnlyList<string> Redact { get; init; } = [];

    public Redaction Redaction { get; init; } = Redaction.Drop;

    /// <summary>
    /// Gzip unless asked otherwise: a quarter of the bytes to send, store, bill and scan for drift, for ~1 µs of the
    /// instance's CPU a record (bench/README.md, logging). Stored settings keep the value they were written with.
    /// </summary>
    public LogCompression Compression { get; init; } = LogCompression.Gzip;

    public DateTimeOffset? UpdatedAt { get; init; }
}
