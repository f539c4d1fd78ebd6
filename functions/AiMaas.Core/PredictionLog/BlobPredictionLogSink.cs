using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Appends records to append blobs <c>{partition}/{instance}-{sequence}.jsonl</c> (<c>.jsonl.gz</c> for a model whose
/// settings ask for gzip: each appended block is then one gzip member). Each instance writes its own blobs, so instances
/// never contend; a blob past <see cref="PredictionLogOptions.MaxBlobBytes"/> or near the 50,000-block limit of an append
/// blob is closed and the next sequence number started.
/// </summary>
public sealed class BlobPredictionLogSink(PredictionLogContainer container, IOptions<PredictionLogOptions> options, TimeProvider time) : IPredictionLogSink, IDisposable
{
    // An append block holds at most 4 MiB in every service version; the room left is for gzip's framing of data that does
    // not compress.
    private const int MaxBlockBytes = (4 * 1024 * 1024) - (64 * 1024);
    private const int MaxBlocks = 49_000;

    private readonly string _instance = options.Value.InstanceId is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentDictionary<(string Partition, LogCompression Compression), BlobState> _blobs = [];
    private readonly MemoryStream _block = new(64 * 1024);
    private readonly MemoryStream _compressed = new(16 * 1024);
    private bool _containerChecked;

    public string Instance => _instance;

    public void Dispose()
    {
        _block.Dispose();
        _compressed.Dispose();
    }

    public async Task AppendAsync(string partition, LogCompression compression, IReadOnlyList<PendingRecord> records, CancellationToken cancellationToken)
    {
        var state = _blobs.GetOrAdd((partition, compression), _ => new BlobState());
        state.LastWrite = time.GetUtcNow();

        // One block buffer, reused: a new one per flush grew through the large object heap several times a second under
        // load (the flusher appends one partition at a time, so it is never shared).
        var block = _block;
        block.SetLength(0);
        foreach (var record in records)
        {
            if (block.Length > 0 && block.Length + record.Line.Length > MaxBlockBytes)
            {
                await AppendBlockAsync(partition, compression, state, block, cancellationToken).ConfigureAwait(false);
            }

            block.Write(record.Line);
        }

        if (block.Length > 0)
        {
            await AppendBlockAsync(partition, compression, state, block, cancellationToken).ConfigureAwait(false);
        }

        ForgetOldPartitions();
    }

    private async Task AppendBlockAsync(string partition, LogCompression compression, BlobState state, MemoryStream block, CancellationToken cancellationToken)
    {
        // A blob's size bound counts JSON bytes, compressed or not, so that a reader holds as much of either in memory.
        if (state.Created && (state.Bytes + block.Length > options.Value.MaxBlobBytes || state.Blocks >= MaxBlocks))
        {
            state.Sequence++;
            state.Created = false;
            state.Bytes = 0;
            state.Blocks = 0;
        }

        var blob = container.Client.GetAppendBlobClient(string.Create(
            CultureInfo.InvariantCulture, $"{partition}/{_instance}-{state.Sequence:D4}{PredictionLogBlobs.Extension(compression)}"));
        if (!state.Created)
        {
            await CreateAsync(blob, compression, cancellationToken).ConfigureAwait(false);
            state.Created = true;
        }

        var content = compression == LogCompression.Gzip ? Compress(block) : block;
        content.Position = 0;
        await blob.AppendBlockAsync(content, cancellationToken: cancellationToken).ConfigureAwait(false);
        state.Bytes += block.Length;
        state.Blocks++;
        block.SetLength(0);
    }

    /// <summary>The block as one complete gzip member, in the reused second buffer.</summary>
    private MemoryStream Compress(MemoryStream block)
    {
        _compressed.SetLength(0);
        using (var gzip = new GZipStream(_compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(block.GetBuffer(), 0, (int)block.Length);
        }

        return _compressed;
    }

    private async Task CreateAsync(AppendBlobClient blob, LogCompression compression, CancellationToken cancellationToken)
    {
        var contentType = compression == LogCompression.Gzip ? "application/gzip" : "application/x-ndjson";
        var createOptions = new AppendBlobCreateOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };
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
