using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Appends records to append blobs <c>{partition}/{instance}-{sequence}.jsonl</c>. Each instance writes its own blobs, so
/// instances never contend; a blob past <see cref="PredictionLogOptions.MaxBlobBytes"/> or near the 50,000-block limit of an
/// append blob is closed and the next sequence number started.
/// </summary>
public sealed class BlobPredictionLogSink(PredictionLogContainer container, IOptions<PredictionLogOptions> options, TimeProvider time) : IPredictionLogSink, IDisposable
{
    private const int MaxBlockBytes = 4 * 1024 * 1024;
    private const int MaxBlocks = 49_000;

    private readonly string _instance = options.Value.InstanceId is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentDictionary<string, BlobState> _blobs = new(StringComparer.Ordinal);
    private readonly MemoryStream _block = new(64 * 1024);
    private bool _containerChecked;

    public string Instance => _instance;

    public void Dispose() => _block.Dispose();

    public async Task AppendAsync(string partition, IReadOnlyList<PendingRecord> records, CancellationToken cancellationToken)
    {
        var state = _blobs.GetOrAdd(partition, _ => new BlobState());
        state.LastWrite = time.GetUtcNow();

        // One block buffer, reused: a new one per flush grew through the large object heap several times a second under
        // load (the flusher appends one partition at a time, so it is never shared).
        var block = _block;
        block.SetLength(0);
        foreach (var record in records)
        {
            if (block.Length > 0 && block.Length + record.Line.Length > MaxBlockBytes)
            {
                await AppendBlockAsync(partition, state, block, cancellationToken).ConfigureAwait(false);
            }

            block.Write(record.Line);
        }

        if (block.Length > 0)
        {
            await AppendBlockAsync(partition, state, block, cancellationToken).ConfigureAwait(false);
        }

        ForgetOldPartitions();
    }

    private async Task AppendBlockAsync(string partition, BlobState state, MemoryStream block, CancellationToken cancellationToken)
    {
        if (state.Created && (state.Bytes + block.Length > options.Value.MaxBlobBytes || state.Blocks >= MaxBlocks))
        {
            state.Sequence++;
            state.Created = false;
            state.Bytes = 0;
            state.Blocks = 0;
        }

        var blob = container.Client.GetAppendBlobClient(
            string.Create(CultureInfo.InvariantCulture, $"{partition}/{_instance}-{state.Sequence:D4}.jsonl"));
        if (!state.Created)
        {
            await CreateAsync(blob, cancellationToken).ConfigureAwait(false);
            state.Created = true;
        }

        block.Position = 0;
        await blob.AppendBlockAsync(block, cancellationToken: cancellationToken).ConfigureAwait(false);
        state.Bytes += block.Length;
        state.Blocks++;
        block.SetLength(0);
    }

    private async Task CreateAsync(AppendBlobClient blob, CancellationToken cancellationToken)
    {
        var createOptions = new AppendBlobCreateOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } };
        if (!_containerChecked)
        {
            await container.Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _containerChecked = true;
        }

        try
        {
            await blob.CreateIfNotExistsAsync(createOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            // Someone deleted the container since: make it again rather than dropping every later record.
            _containerChecked = false;
            throw;
        }
    }

    /// <summary>Hour partitions never come back; their state is dropped two hours after their last write.</summary>
    private void ForgetOldPartitions()
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromHours(2);
        foreach (var (partition, state) in _blobs)
        {
            if (state.LastWrite < cutoff)
            {
                _blobs.TryRemove(partition, out _);
            }
        }
    }

    private sealed class BlobState
    {
        public int Sequence { get; set; }

        public bool Created { get; set; }

        public long Bytes { get; set; }

        public int Blocks { get; set; }

        public DateTimeOffset LastWrite { get; set; }
    }
}
