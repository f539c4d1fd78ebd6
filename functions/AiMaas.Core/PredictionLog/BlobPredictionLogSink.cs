using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
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
    // not compress. A single line longer than this is sent as a block of its own (and refused by the service).
    private const int MaxBlockBytes = (4 * 1024 * 1024) - (64 * 1024);
    private const int MaxBlocks = 49_000;

    private readonly string _instance = options.Value.InstanceId is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentDictionary<(string Partition, LogCompression Compression), BlobState> _blobs = [];
    private readonly MemoryStream _compressed = new(16 * 1024);
    private bool _containerChecked;

    public string Instance => _instance;

    public void Dispose() => _compressed.Dispose();

    public async Task AppendAsync(string partition, LogCompression compression, LogLines lines, CancellationToken cancellationToken)
    {
        var state = _blobs.GetOrAdd((partition, compression), _ => new BlobState());
        state.LastWrite = time.GetUtcNow();

        // The lines go out as they lie in the buffer's batch, cut between records into blocks of at most MaxBlockBytes.
        var start = 0;
        var end = 0;
        foreach (var lineEnd in lines.Ends)
        {
            if (lineEnd - start > MaxBlockBytes && end > start)
            {
                await AppendBlockAsync(partition, compression, state, lines.Bytes[start..end], cancellationToken).ConfigureAwait(false);
                start = end;
            }

            end = lineEnd;
        }

        if (end > start)
        {
            await AppendBlockAsync(partition, compression, state, lines.Bytes[start..end], cancellationToken).ConfigureAwait(false);
        }

        ForgetOldPartitions();
    }

    private async Task AppendBlockAsync(string partition, LogCompression compression, BlobState state, ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
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

        using var content = compression == LogCompression.Gzip ? Compress(block.Span) : Uncompressed(block);
        await blob.AppendBlockAsync(content, cancellationToken: cancellationToken).ConfigureAwait(false);
        state.Bytes += block.Length;
        state.Blocks++;
    }

    /// <summary>The block as one complete gzip member, in the reused buffer (a stream over it, not a copy).</summary>
    private MemoryStream Compress(ReadOnlySpan<byte> block)
    {
        _compressed.SetLength(0);
        using (var gzip = new GZipStream(_compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(block);
        }

        return new MemoryStream(_compressed.GetBuffer(), 0, (int)_compressed.Length, writable: false);
    }

    /// <summary>A read-only stream over the batch's bytes, which stay untouched until the append returns.</summary>
    private static MemoryStream Uncompressed(ReadOnlyMemory<byte> block) =>
        MemoryMarshal.TryGetArray(block, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(block.ToArray(), writable: false);

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
