using System.Collections.Concurrent;
using AiMaas.Core.Diagnostics;
using AiMaas.Core.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving;

/// <summary>
/// Resolves a model's alias (<c>current</c> by default) to a version without a storage read on every request.
/// An answer is reused for <see cref="AiMaasOptions.AliasCacheDuration"/>; after that the next request still gets
/// it while one background refresh reads the model document and, if the alias moved, loads the new version before
/// switching to it, so no request waits for or fails on the switch.
/// </summary>
public sealed class AliasResolver(ModelRegistry registry, ModelCache cache, TimeProvider time, IOptions<AiMaasOptions> options, ILogger<AliasResolver> logger)
{
    private readonly ConcurrentDictionary<(string Model, string Alias), Entry> _entries = new();

    public async Task<int?> ResolveAsync(string model, string alias, CancellationToken cancellationToken)
    {
        var key = (model, alias);
        if (_entries.TryGetValue(key, out var entry) && entry.Version is not null)
        {
            if (entry.Expires <= time.GetUtcNow())
            {
                StartRefresh(key, entry);
            }

            return entry.Version;
        }

        var version = await ReadAsync(model, alias, cancellationToken).ConfigureAwait(false);
        _entries[key] = new Entry(version, time.GetUtcNow() + options.Value.AliasCacheDuration);
        return version;
    }

    private void StartRefresh((string Model, string Alias) key, Entry stale)
    {
        // Only the caller that swaps in the refreshing marker runs the refresh; everyone else keeps the stale answer.
        var refreshing = stale with { Expires = DateTimeOffset.MaxValue };
        if (!_entries.TryUpdate(key, refreshing, stale))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            var next = stale.Version;
            try
            {
                next = await ReadAsync(key.Model, key.Alias, CancellationToken.None).ConfigureAwait(false);
                if (next is { } version && version != stale.Version)
                {
                    await cache.GetAsync(new VersionKey(key.Model, version), CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failed read keeps the answer we had; a new version that fails to load is switched to anyway
                // (the alias says so), and the request path reports the problem.
                logger.AliasRefreshFailed(ex, key.Model, key.Alias);
            }

            _entries[key] = new Entry(next, time.GetUtcNow() + options.Value.AliasCacheDuration);
        });
    }

    private async Task<int?> ReadAsync(string model, string alias, CancellationToken cancellationToken)
    {
        var document = await registry.GetModelAsync(model, cancellationToken).ConfigureAwait(false);
        return document is not null && document.Aliases.TryGetValue(alias, out var version) ? version : null;
    }

    private sealed record Entry(int? Version, DateTimeOffset Expires);
}
