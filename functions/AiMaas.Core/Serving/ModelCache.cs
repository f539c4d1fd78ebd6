using System.Collections.Concurrent;
using AiMaas.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving;

/// <summary>
/// Keeps loaded versions in memory under <see cref="ServingOptions.ModelCacheBudgetBytes"/>, evicting the least recently
/// used beyond it. Concurrent first requests for a version share one download and load (single flight); a failed load
/// is not cached, so corrupt bytes are never served and a later request can retry. A version larger than the whole
/// budget is still served, alone.
/// </summary>
public sealed class ModelCache(VersionLoader loader, IOptions<ServingOptions> options, ILogger<ModelCache> logger)
{
    private readonly ConcurrentDictionary<VersionKey, ModelCacheEntry> _entries = new();
    private readonly Lock _accounting = new();
    private long _clock;
    private long _bytes;
    private long _loads;
    private long _evictions;

    /// <summary>Estimated bytes of the versions held now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Loads started since this cache was created: one per version and eviction, however many requests asked.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>The loaded version, or the loader's problem (not found, corrupt, output mismatch), which is not cached.</summary>
    public async Task<Result<LoadedModel>> GetAsync(VersionKey key, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(key, static (k, cache) => new ModelCacheEntry(() => cache.LoadAsync(k)), this);
        entry.Touch(Interlocked.Increment(ref _clock));
        var load = entry.Load;
        if (load.IsCompletedSuccessfully && !load.Result.IsFailure)
        {
            return load.Result;
        }

        try
        {
            var model = await load.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (model.IsFailure)
            {
                _entries.TryRemove(new KeyValuePair<VersionKey, ModelCacheEntry>(key, entry));
            }

            return model;
        }
        catch (Exception) when (load.IsFaulted)
        {
            _entries.TryRemove(new KeyValuePair<VersionKey, ModelCacheEntry>(key, entry));
            throw;
        }
    }

    /// <summary>Whether the version is in memory, loaded and ready to score.</summary>
    public bool IsLoaded(VersionKey key) =>
        _entries.TryGetValue(key, out var entry) && entry.IsStarted && entry.Load.IsCompletedSuccessfully && !entry.Load.Result.IsFailure;

    /// <summary>Drops the versions of <paramref name="model"/> (all of them, or one) after they were deleted from storage.</summary>
    public void Evict(string model, int? version = null)
    {
        lock (_accounting)
        {
            foreach (var entry in _entries.Where(e => e.Key.Model == model && (version is null || e.Key.Version == version)).ToArray())
            {
                if (_entries.TryRemove(entry) && entry.Value.IsStarted && entry.Value.Load.IsCompletedSuccessfully && entry.Value.Load.Result.Value is { } evicted)
                {
                    Interlocked.Add(ref _bytes, -evicted.EstimatedBytes);
                    evicted.Retire();
                }
            }
        }
    }

    private async Task<Result<LoadedModel>> LoadAsync(VersionKey key)
    {
        Interlocked.Increment(ref _loads);

        // The load runs detached from any caller's cancellation: other callers may be waiting on it.
        var model = await loader.LoadAsync(key, CancellationToken.None).ConfigureAwait(false);
        if (!model.Failed(out _))
        {
            Admit(key, model.Value);
        }

        return model;
    }

    /// <summary>Counts a new version against the budget and evicts the least recently used others until it fits.</summary>
    private void Admit(VersionKey key, LoadedModel model)
    {
        var budget = options.Value.ModelCacheBudgetBytes;
        lock (_accounting)
        {
            Interlocked.Add(ref _bytes, model.EstimatedBytes);
            while (Bytes > budget)
            {
                var victim = _entries
                    .Where(e => !e.Key.Equals(key) && e.Value.IsStarted && e.Value.Load.IsCompletedSuccessfully && !e.Value.Load.Result.IsFailure)
                    .OrderBy(e => e.Value.LastUsed)
                    .FirstOrDefault();
                if (victim.Value is null)
                {
                    logger.ModelOverCacheBudget(key.Model, key.Version, model.EstimatedBytes, budget);
                    break;
                }

                if (_entries.TryRemove(victim) && victim.Value.Load.Result.Value is { } evicted)
                {
                    Interlocked.Add(ref _bytes, -evicted.EstimatedBytes);
                    Interlocked.Increment(ref _evictions);
                    evicted.Retire();
                    logger.ModelEvicted(victim.Key.Model, victim.Key.Version, evicted.EstimatedBytes, Bytes, budget);
                }
            }
        }
    }
}
