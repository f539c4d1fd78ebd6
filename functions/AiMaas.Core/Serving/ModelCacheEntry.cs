namespace AiMaas.Core.Serving;

/// <summary>One version in the cache: its single-flight load and when it was last asked for.</summary>
internal sealed class ModelCacheEntry(Func<Task<Result<LoadedModel>>> load)
{
    private readonly Lazy<Task<Result<LoadedModel>>> _load = new(load);
    private long _lastUsed;

    public Task<Result<LoadedModel>> Load => _load.Value;

    public bool IsStarted => _load.IsValueCreated;

    public long LastUsed => Interlocked.Read(ref _lastUsed);

    public void Touch(long tick) => Interlocked.Exchange(ref _lastUsed, tick);
}
