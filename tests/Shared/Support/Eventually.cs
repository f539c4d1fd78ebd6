using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace AiMaas.Tests.Support;

/// <summary>
/// Waits for a condition with a deadline instead of sleeping on a guess: polls quickly at first (10 ms, doubling up to
/// 200 ms), returns as soon as the condition holds, and fails the test with what it was waiting for and the last value
/// it saw when the deadline passes. The one polling loop of the test projects.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Reads a value until <paramref name="done"/> accepts it and returns that value; <paramref name="waitingFor"/> (by default the
    /// condition's source text) names what was awaited in the failure message.</summary>
    /// <remarks>A read that throws fails at once: a broken probe should not look like a slow system.</remarks>
    public static async Task<T> MatchesAsync<T>(
        Func<CancellationToken, Task<T>> read,
        Func<T, bool> done,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        [CallerArgumentExpression(nameof(done))] string waitingFor = "")
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var clock = Stopwatch.StartNew();
        var interval = FirstInterval;
        var attempts = 0;

        while (true)
        {
            attempts++;
            var last = await read(cancellationToken).ConfigureAwait(false);
            if (done(last))
            {
                return last;
            }

            if (clock.Elapsed >= timeout)
            {
                Assert.Fail($"Waited {clock.Elapsed.TotalSeconds:0.0} s ({attempts} attempts, deadline {timeout.TotalSeconds:0.#} s) for {waitingFor}; last value seen: {Describe(last)}.");
            }

            // Never past the deadline, never negative (the clock moves between the check above and here).
            var remaining = timeout - clock.Elapsed;
            await Task.Delay(remaining < interval ? (remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero) : interval, cancellationToken).ConfigureAwait(false);
            interval = interval * 2 < MaxInterval ? interval * 2 : MaxInterval;
        }
    }

    /// <summary>Waits until an asynchronous condition holds.</summary>
    public static Task TrueAsync(
        Func<CancellationToken, Task<bool>> condition,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        [CallerArgumentExpression(nameof(condition))] string waitingFor = "") =>
        MatchesAsync(condition, static met => met, timeout, cancellationToken, waitingFor);

    /// <summary>Waits until a condition on in-memory state holds.</summary>
    public static Task TrueAsync(
        Func<bool> condition,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        [CallerArgumentExpression(nameof(condition))] string waitingFor = "") =>
        MatchesAsync(_ => Task.FromResult(condition()), static met => met, timeout, cancellationToken, waitingFor);

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false (condition not met)",
        _ => value.ToString() ?? typeof(T).Name,
    };
}
