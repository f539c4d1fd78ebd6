namespace AiMaas.Core.Access;

/// <summary>Optional per-key rate limits, enforced per instance with token buckets.</summary>
public sealed record KeyLimits
{
    /// <summary>Requests per second; a burst of up to one second's worth is allowed.</summary>
    public double? RequestsPerSecond { get; init; }

    /// <summary>Prediction rows per second across the key's requests; a burst of up to one second's worth is allowed.</summary>
    public double? RowsPerSecond { get; init; }
}
