using System.Text.Json;
using AiMaas.Core.Access;
using AiMaas.Core.Diagnostics;
using AiMaas.Core.Storage;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Audit;

/// <summary>Appends buffered audit records as JSON lines to <c>audit/{yyyy}/{MM}/{dd}/{instance}.jsonl</c> append blobs.</summary>
internal sealed class AuditWriter(
    AuditTrail trail,
    BlobServiceClient blobs,
    IOptions<AccessOptions> options,
    TimeProvider time,
    ILogger<AuditWriter> logger) : BackgroundService
{
    // An append block holds at most 4 MiB; stay well below it.
    private const int MaxBlockBytes = 1024 * 1024;
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.AuditContainer);
    private readonly HashSet<string> _created = new(StringComparer.Ordinal);

    public static string BlobName(DateTimeOffset time, string instance) => $"{time.UtcDateTime:yyyy/MM/dd}/{instance}.jsonl";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = new List<AuditRecord>();
        try
        {
            while (await trail.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await Task.Delay(options.Value.AuditFlushInterval, time, stoppingToken).ConfigureAwait(false);
                await FlushAsync(pending, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is left without the cancelled token.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await FlushAsync(pending, grace.Token).ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(List<AuditRecord> pending, CancellationToken cancellationToken)
    {
        while (trail.Reader.TryRead(out var record))
        {
            pending.Add(record);
        }

        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            foreach (var day in pending.GroupBy(r => BlobName(r.Time, trail.Instance)).ToArray())
            {
                await AppendAsync(day.Key, day, cancellationToken).ConfigureAwait(false);

                // Only what was written leaves the list, so a retry never writes a line twice.
                pending.RemoveAll(day.Contains);
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException || StorageOutage.Is(ex))
        {
            // Kept for the next flush (an outage the SDK's retries outlast is an AggregateException); the buffer bound still applies to new records.
            logger.AuditWriteFailed(ex, pending.Count);
            if (pending.Count > options.Value.AuditBufferCapacity)
            {
                pending.RemoveRange(0, pending.Count - options.Value.AuditBufferCapacity);
            }
        }
    }

    private async Task AppendAsync(string blobName, IEnumerable<AuditRecord> records, CancellationToken cancellationToken)
    {
        var blob = _container.GetAppendBlobClient(blobName);
        if (!_created.Contains(blobName))
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _created.Add(blobName);
        }

        using var block = new MemoryStream();
        foreach (var record in records)
        {
            var line = JsonSerializer.SerializeToUtf8Bytes(record, AiMaasJson.Options);
            if (block.Length > 0 && block.Length + line.Length + 1 > MaxBlockBytes)
            {
                await AppendBlockAsync(blob, block, cancellationToken).ConfigureAwait(false);
            }

            block.Write(line);
            block.WriteByte((byte)'\n');
        }

        await AppendBlockAsync(blob, block, cancellationToken).ConfigureAwait(false);
    }

    private static async Task AppendBlockAsync(AppendBlobClient blob, MemoryStream block, CancellationToken cancellationToken)
    {
        if (block.Length == 0)
        {
            return;
        }

        block.Position = 0;
        await blob.AppendBlockAsync(block, cancellationToken: cancellationToken).ConfigureAwait(false);
        block.SetLength(0);
    }
}
