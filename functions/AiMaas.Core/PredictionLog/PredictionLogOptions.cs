using System.ComponentModel.DataAnnotations;

namespace AiMaas.Core.PredictionLog;

/// <summary>Settings of the prediction log, bound from <c>AiMaas:PredictionLog</c>.</summary>
public sealed class PredictionLogOptions
{
    public const string SectionName = "AiMaas:PredictionLog";

    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$")]
    public string Container { get; set; } = "predictions";

    /// <summary>Records held in memory waiting for storage; beyond it records are dropped and counted, never waited for.</summary>
    [Range(1, 10_000_000)]
    public int BufferCapacity { get; set; } = 20_000;

    /// <summary>A flush starts when this many records wait, or <see cref="FlushInterval"/> after the first of them.</summary>
    [Range(1, 1_000_000)]
    public int FlushRecords { get; set; } = 1000;

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one flush may wait on storage before its records are given up as dropped.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An append blob is closed and the next sequence number started past this many bytes of JSON lines, before any compression (append blobs hold at most 50,000 blocks).</summary>
    [Range(1024, 190L * 1024 * 1024 * 1024)]
    public long MaxBlobBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long a model's logging settings are reused before storage is asked again (in the background).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SettingsCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Key of the HMAC that replaces redacted values (<c>"redaction": "hmac"</c>); at least 32 characters. Keep it in Key Vault.</summary>
    [MinLength(32)]
    public string? HmacKey { get; set; }

    /// <summary>This instance's name in blob names; a random one per process when empty.</summary>
    [RegularExpression("^[A-Za-z0-9_-]{1,64}$")]
    public string? InstanceId { get; set; }
}
