namespace AiMaas.LocalRuntime.Queues;

/// <summary>
/// When the Functions host renews a running message's visibility (the WebJobs queue listener's
/// <c>UpdateQueueMessageVisibilityCommand</c> with a <c>LinearSpeedupStrategy</c>): halfway to expiry, and after a failed
/// renewal at half the previous delay, down to a minimum (the host's one minute; a fifth of the normal delay for
/// visibilities under the host's 10 minutes, where one minute would not fit),
/// so that a passing storage fault is retried before the message becomes visible.
/// </summary>
public sealed class VisibilityRenewalSchedule
{
    /// <summary>The host's <c>MinimumVisibilityRenewalInterval</c>.</summary>
    public static readonly TimeSpan HostMinimumInterval = TimeSpan.FromMinutes(1);

    private TimeSpan _current;

    public VisibilityRenewalSchedule(TimeSpan visibility)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(visibility, TimeSpan.Zero);
        Normal = visibility / 2;
        Minimum = Normal / 5 < HostMinimumInterval ? Normal / 5 : HostMinimumInterval;
        _current = Normal;
    }

    /// <summary>The delay after taking the message and after each successful renewal.</summary>
    public TimeSpan Normal { get; }

    /// <summary>The shortest delay after repeated failures.</summary>
    public TimeSpan Minimum { get; }

    public TimeSpan Next(bool renewed)
    {
        _current = renewed ? Normal : Max(_current / 2, Minimum);
        return _current;
    }

    private static TimeSpan Max(TimeSpan x, TimeSpan y) => x > y ? x : y;
}
