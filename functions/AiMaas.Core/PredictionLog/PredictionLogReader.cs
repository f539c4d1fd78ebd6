using System.Globalization;
using System.Text.Json;
using AiMaas.Core.Diagnostics;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Pages through a model's logged records newest first. Partitions are read an hour at a time, newest hour first, across
/// all versions, and reading stops at the first hour that fills the page.
/// </summary>
public sealed class PredictionLogReader(PredictionLogContainer container, ILogger<PredictionLogReader> logger)
{
    public async Task<PredictionLogPage> ReadAsync(PredictionLogQuery query, CancellationToken cancellationToken)
    {
        var versions = await ListVersionsAsync(query.Model, cancellationToken).ConfigureAwait(false);
        var found = new List<(DateTimeOffset Time, string Id, JsonElement Record)>();
        var lastDay = Hour(query.From).Date;
        for (var day = Hour(query.To).Date; day >= lastDay; day = day.AddDays(-1))
        {
            var blobs = new List<(int Hour, string Name)>();
            foreach (var version in versions)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"{query.Model}/{version}/{day:yyyy'/'MM'/'dd}/");
                await foreach (var blob in container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
                {
                    if (int.TryParse(blob.Name.AsSpan(prefix.Length, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hour))
                    {
                        blobs.Add((hour, blob.Name));
                    }
                }
            }

            foreach (var hour in blobs.GroupBy(b => b.Hour).OrderByDescending(g => g.Key))
            {
                foreach (var (_, name) in hour)
                {
                    await ReadBlobAsync(name, query, found, cancellationToken).ConfigureAwait(false);
                }

                if (found.Count >= query.Limit)
                {
                    return Page(query, found, more: true);
                }
            }
        }

        return Page(query, found, more: false);
    }

    private static PredictionLogPage Page(PredictionLogQuery query, List<(DateTimeOffset Time, string Id, JsonElement Record)> found, bool more)
    {
        var page = found
            .OrderByDescending(r => r.Time)
            .ThenByDescending(r => r.Id, StringComparer.Ordinal)
            .Take(query.Limit)
            .ToList();
        var token = more && page.Count > 0 ? PredictionLogQuery.EncodeToken(page[^1].Time, page[^1].Id) : null;
        return new PredictionLogPage(query.Model, query.From, query.To, page.Select(r => r.Record).ToList(), token);
    }

    private async Task<IReadOnlyList<string>> ListVersionsAsync(string model, CancellationToken cancellationToken)
    {
        var versions = new List<string>();
        await foreach (var item in container.Client.GetBlobsByHierarchyAsync(new GetBlobsByHierarchyOptions { Prefix = model + "/", Delimiter = "/" }, cancellationToken).ConfigureAwait(false))
        {
            if (item.IsPrefix)
            {
                versions.Add(item.Prefix[(model.Length + 1)..^1]);
            }
        }

        return versions;
    }

    private async Task ReadBlobAsync(string name, PredictionLogQuery query, List<(DateTimeOffset, string, JsonElement)> found, CancellationToken cancellationToken)
    {
        var content = await container.Client.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        foreach (var line in PredictionLogLines.Split(PredictionLogBlobs.Lines(name, content.Value.Content)))
        {
            if (!PredictionLogLines.TryParse(line, out var record, out var time, out var id))
            {
                logger.PredictionLogLineSkipped(name);
                continue;
            }

            if (time < query.From || time > query.To || (query.After is { } after && (time > after.Time || (time == after.Time && string.CompareOrdinal(id, after.Id) >= 0))))
            {
                continue;
            }

            found.Add((time, id, record));
        }
    }

    private static DateTime Hour(DateTimeOffset time) => time.UtcDateTime;
}
