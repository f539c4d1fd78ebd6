using System.Globalization;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Access;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Audit;

/// <summary>Pages through the audit trail day by day, oldest first, merging every instance's blob of a day by time.</summary>
public sealed class AuditReader(BlobServiceClient blobs, IOptions<AccessOptions> options)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.AuditContainer);

    public async Task<Result<AuditPage>> ReadAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        if (query.To < query.From)
        {
            return Problem.Invalid("to", "expected a time after 'from'");
        }

        if (query.To - query.From > MaxRange)
        {
            return Problem.Invalid("from", "expected a range of at most 366 days");
        }

        if (query.PageSize is < 1 or > MaxPageSize)
        {
            return Problem.Invalid("pageSize", $"expected a whole number from 1 to {MaxPageSize}");
        }

        var day = query.From.UtcDateTime.Date;
        var skip = 0;
        if (query.ContinuationToken is { } token)
        {
            if (Decode(token) is not { } position || position.Day < day || position.Day > query.To.UtcDateTime.Date)
            {
                return Problem.Invalid("continuationToken", "expected a token from a previous page of the same query");
            }

            (day, skip) = position;
        }

        var page = new List<AuditRecord>(query.PageSize);
        for (; day <= query.To.UtcDateTime.Date; day = day.AddDays(1), skip = 0)
        {
            var records = await ReadDayAsync(day, query, cancellationToken).ConfigureAwait(false);
            var take = Math.Min(records.Count - skip, query.PageSize - page.Count);
            if (take > 0)
            {
                page.AddRange(records.Skip(skip).Take(take));
            }

            if (page.Count == query.PageSize)
            {
                var next = skip + take < records.Count ? (day, skip + take) : (day.AddDays(1), 0);
                return new AuditPage(page, next.Item1 <= query.To.UtcDateTime.Date ? Encode(next.Item1, next.Item2) : null);
            }
        }

        return new AuditPage(page, null);
    }

    private async Task<List<AuditRecord>> ReadDayAsync(DateTime day, AuditQuery query, CancellationToken cancellationToken)
    {
        var records = new List<AuditRecord>();
        try
        {
            await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.None, day.ToString("yyyy/MM/dd/", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false))
            {
                var content = await _container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                foreach (var line in content.Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (Parse(line) is { } record && Matches(record, query))
                    {
                        records.Add(record);
                    }
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No audit container yet: nothing was recorded.
        }

        records.Sort((a, b) => a.Time.CompareTo(b.Time) is var byTime and not 0 ? byTime : string.CompareOrdinal(a.Instance, b.Instance));
        return records;
    }

    private static bool Matches(AuditRecord record, AuditQuery query) =>
        record.Time >= query.From && record.Time <= query.To
        && (query.Model is null || string.Equals(record.Model, query.Model, StringComparison.Ordinal))
        && (query.Actor is null || record.Actor.Contains(query.Actor, StringComparison.OrdinalIgnoreCase));

    private static AuditRecord? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditRecord>(line, AiMaasJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Encode(DateTime day, int skip) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{day:yyyy-MM-dd}|{skip}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (DateTime Day, int Skip)? Decode(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
            return parts.Length == 2
                && DateTime.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var skip)
                ? (day.Date, skip)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
