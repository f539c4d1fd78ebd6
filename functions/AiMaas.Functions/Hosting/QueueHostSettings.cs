namespace AiMaas.Functions.Hosting;

/// <summary>
/// The queue trigger settings of host.json (<c>extensions.queues</c>), with the Functions host's documented defaults.
/// </summary>
public sealed record QueueHostSettings
{
    public string MessageEncoding { get; init; } = "base64";

    public int BatchSize { get; init; } = 16;

    public int? NewBatchThreshold { get; init; }

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>The host fetches a new batch once this many or fewer messages are still being processed.</summary>
    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? BatchSize / 2;

    public bool IsBase64 => string.Equals(MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase);
}
