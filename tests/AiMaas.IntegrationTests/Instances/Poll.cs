using AiMaas.Tests.Support;

namespace AiMaas.IntegrationTests.Instances;

/// <summary>
/// The shared <see cref="Eventually"/> for probes of processes that may not be listening yet (or any more): a refused
/// connection, or a probe cut off at the deadline, counts as "not yet" instead of failing the test at once.
/// </summary>
internal static class Poll
{
    public static async Task<T> UntilAsync<T>(
        Func<CancellationToken, Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        // A probe hanging on a dead instance must not outlive the deadline.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var seen = await Eventually.MatchesAsync(
            async _ =>
            {
                try
                {
                    return new Attempt<T>(await probe(deadline.Token), null);
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    return new Attempt<T>(default, ex);
                }
            },
            attempt => attempt.Error is null && done(attempt.Value!),
            timeout,
            cancellationToken,
            what);
        return seen.Value!;
    }

    /// <summary>What one probe gave: a value, or the connection error that stood for "not yet".</summary>
    private sealed record Attempt<T>(T? Value, Exception? Error)
    {
        public override string ToString() => Error is null ? $"{Value}" : $"error: {Error.GetType().Name}: {Error.Message}";
    }
}
