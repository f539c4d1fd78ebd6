using AiMaas.Tests.Storage;

namespace AiMaas.Core.Tests.Support;

/// <summary>
/// Holds the first <c>count</c> requests that match until all of them have been answered, then lets everything through
/// (install it as <see cref="InMemoryBlobStorage.AfterRequest"/>): concurrent writers are made to read the same state
/// before any of them writes, so a race is certain, not likely.
/// </summary>
internal sealed class RequestGate(Func<BlobRequest, bool> matches, int count)
{
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public Task HoldAsync(BlobRequest request, CancellationToken cancellationToken)
    {
        if (!matches(request) || _all.Task.IsCompleted)
        {
            return Task.CompletedTask;
        }

        if (Interlocked.Increment(ref _arrived) >= count)
        {
            _all.TrySetResult();
        }

        return _all.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
    }
}
