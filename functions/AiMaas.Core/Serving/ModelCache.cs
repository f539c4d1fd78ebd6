using System.Collections.Concurrent;

namespace AiMaas.Core.Serving;

/// <summary>
/// Keeps loaded versions in memory. Concurrent first requests for a version share one download and load;
/// a failed load is not cached, so corrupt bytes are never served and a later request can retry.
/// </summary>
public sealed class ModelCache(ModelLoader loader)
{
    private readonly ConcurrentDictionary<ModelKey, Lazy<Task<LoadedModel?>>> _models = new();

    public async Task<LoadedModel?> GetAsync(ModelKey key, CancellationToken cancellationToken)
    {
        // The load runs detached from the first caller's cancellation: other callers may be waiting on it.
        var entry = _models.GetOrAdd(key, k => new Lazy<Task<LoadedModel?>>(() => loader.LoadAsync(k, CancellationToken.None)));
        try
        {
            var model = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                _models.TryRemove(new KeyValuePair<ModelKey, Lazy<Task<LoadedModel?>>>(key, entry));
            }

            return model;
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            _models.TryRemove(new KeyValuePair<ModelKey, Lazy<Task<LoadedModel?>>>(key, entry));
            throw;
        }
    }

    public bool IsLoaded(ModelKey key) =>
        _models.TryGetValue(key, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.Result is not null;
}
