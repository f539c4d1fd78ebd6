using System.Collections.Concurrent;
using AiMaas.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Logging settings per model for the predict path: read from storage once, then reused for
/// <see cref="PredictionLogOptions.SettingsCacheDuration"/> and refreshed in the background, so predictions do not wait on
/// storage for them. A failed read counts as disabled until the next refresh.
/// </summary>
public sealed class LoggingSettingsCache(LoggingSettingsStore store, TimeProvider time, IOptions<PredictionLogOptions> options, ILogger<LoggingSettingsCache> logger)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

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

        return new ValueTask<LoggingSettings>(LoadAsync(model));
    }

    /// <summary>Takes settings this instance has just written, so its own next request sees them at once.</summary>
    public void Set(string model, LoggingSettings settings) => _entries[model] = new Entry(settings, Expiry());

    private async Task<LoggingSettings> LoadAsync(string model)
    {
        var settings = await ReadAsync(model).ConfigureAwait(false);
        _entries[model] = new Entry(settings, Expiry());
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
