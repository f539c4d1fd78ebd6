using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using AiMaas.Core.Access;

namespace AiMaas.Functions.Access;

/// <summary>
/// Token buckets per key and instance for the key's optional <see cref="KeyLimits"/>. Buckets live in this instance's
/// memory, so N instances together allow up to N times a key's limit.
/// </summary>
public sealed class KeyRateLimiter : IDisposable
{
    private readonly ConcurrentDictionary<(string Key, string Kind, double Rate), TokenBucketRateLimiter> _buckets = new();

    /// <summary>Null when the request may go ahead, otherwise how long to wait.</summary>
    public TimeSpan? TryAcquireRequest(Caller caller) =>
        caller.Limits?.RequestsPerSecond is { } rate ? TryAcquire(caller.Id, "requests", rate, 1) : null;

    /// <summary>Null when <paramref name="rows"/> rows may be scored now, otherwise how long to wait.</summary>
    public TimeSpan? TryAcquireRows(Caller caller, int rows) =>
        caller.Limits?.RowsPerSecond is { } rate && rows > 0 ? TryAcquire(caller.Id, "rows", rate, rows) : null;

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }

    private TimeSpan? TryAcquire(string key, string kind, double rate, int permits)
    {
        var bucket = _buckets.GetOrAdd((key, kind, rate), static k => Create(k.Rate));
        var burst = Burst(rate);
        using var lease = bucket.AttemptAcquire(Math.Min(permits, burst));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    /// <summary>One second's worth, at least one.</summary>
    private static int Burst(double rate) => (int)Math.Clamp(Math.Ceiling(rate), 1, int.MaxValue);

    private static TokenBucketRateLimiter Create(double rate)
    {
        // Refill in tenths of a second where the rate allows whole tokens per tenth, otherwise one token per 1/rate s.
        var (period, tokens) = rate >= 10
            ? (TimeSpan.FromMilliseconds(100), (int)Math.Round(rate / 10))
            : (TimeSpan.FromSeconds(1 / rate), 1);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst(rate),
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
