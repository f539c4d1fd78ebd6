using System.Collections.Concurrent;
using AiMaas.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Logging settings per model for the predict path: read from storage once, then reused for
/// <see cref="PredictionLogOptions.SettingsCacheDuration"/> and refreshed in the background, so predictions do not wait on
/// storage for them. The first read of a model waits at most <see cref="FirstReadWait"/> (concurrent first requests share
/// it); a read that takes longer finishes in the background and its requests are not logged. A failed read counts as
/// disabled until the next refresh.
/// </summary>
public sealed class LoggingSettingsCache(LoggingSettingsStore store, TimeProvider time, IOptions<PredictionLogOptions> options, ILogger<LoggingSettingsCache> logger)
{
    public static readonly TimeSpan FirstReadWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<LoggingSettings>>> _firstReads = new(StringComparer.Ordinal);

    /// <summary>The cached settings, without ever reading storage; null when this model's settings have not been read yet.</summary>
    public LoggingSettings? Peek(string model) => _entries.TryGetValue(model, out var entry) ? entry.Settings : null;

    public ValueTask<LoggingSettings> GetAsync(string model)
    {
        if (_entries.TryGetValue(model, out var entry))
        {
            if (entry.Expires <= time.GetUtcNow())
            {
                StartRefresh(model, entry);
            }

            return ValueTask.FromResult(entry.Settings);
        }

        return new ValueTask<LoggingSettings>(FirstReadAsync(model));
    }

    /// <summary>Takes settings this instance has just written, so its own next request sees them at once.</summary>
    public void Set(string model, LoggingSettings settings) => _entries[model] = new Entry(settings, Expiry());

    private async Task<LoggingSettings> FirstReadAsync(string model)
    {
        var read = _firstReads.GetOrAdd(model, m => new Lazy<Task<LoggingSettings>>(() => LoadAsync(m))).Value;
        var first = await Task.WhenAny(read, Task.Delay(FirstReadWait, time)).ConfigureAwait(false);
        return first == read ? await read.ConfigureAwait(false) : LoggingSettings.Disabled;
    }

    private async Task<LoggingSettings> LoadAsync(string model)
    {
        var settings = await ReadAsync(model).ConfigureAwait(false);
        _entries[model] = new Entry(settings, Expiry());
        _firstReads.TryRemove(model, out _);
        return settings;
    }

    private void StartRefresh(string model, Entry stale)
    {
        if (!_entries.TryUpdate(model, stale with { Expires = DateTimeOffset.MaxValue }, stale))
        {
            return;
        }

        _ = Task.Run(async () => _entries[model] = new Entry(await ReadAsync(model).ConfigureAwait(false), Expiry()));
    }

    private async Task<LoggingSettings> ReadAsync(string model)
    {
        try
        {
            return (await store.GetAsync(model, CancellationToken.None).ConfigureAwait(false))?.Settings ?? LoggingSettings.Disabled;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LoggingSettingsReadFailed(ex, model);
            return LoggingSettings.Disabled;
        }
    }

    private DateTimeOffset Expiry() => time.GetUtcNow() + options.Value.SettingsCacheDuration;

    private sealed record Entry(LoggingSettings Settings, DateTimeOffset Expires);
}
