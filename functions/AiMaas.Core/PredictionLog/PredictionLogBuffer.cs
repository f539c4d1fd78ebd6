using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// The bounded in-memory buffer between the predict path and storage, holding log lines already serialized, by partition
/// and storage format. Adding never waits on storage: when <see cref="PredictionLogOptions.BufferCapacity"/> lines wait
/// (storage slow or down) the record is dropped and counted. The record is serialized as it is added, on the request's
/// thread, so that nothing of the request outlives it: references held until a background drain made every logged
/// request's objects survive a gen0 collection under load (bench/README.md, logging).
/// </summary>
public sealed class PredictionLogBuffer(IOptions<PredictionLogOptions> options, PredictionLogMetrics metrics, PredictionRecordSerializer serializer)
{
    // Buffers kept for the next batches once flushed; more partitions than this in one batch get new ones.
    private const int MaxSpareLines = 8;

    // A thread keeps its line buffer only up to this size, so that one request of many rows does not pin megabytes per thread.
    private const int MaxKeptLineBytes = 64 * 1024;

    // One line at a time per thread, copied into its partition's buffer under the lock.
    [ThreadStatic]
    private static LogLines? t_line;

    private readonly int _capacity = options.Value.BufferCapacity;
    private readonly Lock _lock = new();
    private readonly Stack<LogLines> _spare = [];

    // At most one wake-up waits: the flusher looks at the whole buffer when it wakes.
    private readonly Channel<bool> _started = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private Dictionary<(string Partition, LogCompression Compression), LogLines> _filling = [];
    private int _count;

    /// <summary>Lines waiting for the next <see cref="Take"/>.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public void Add(CapturedPrediction record)
    {
        var line = t_line ??= new LogLines(1024);
        line.Clear();
        serializer.Write(record, line);
        if (line.Bytes.Length > MaxKeptLineBytes)
        {
            t_line = null;
        }

        var key = (serializer.PartitionOf(record), record.Settings.Compression);
        if (Append(key, line))
        {
            // The first line of a batch wakes the flusher; it polls for the rest.
            _started.Writer.TryWrite(true);
        }
    }

    /// <summary>Copies the line into its partition's buffer, or counts it dropped when the buffer is full; true for a batch's first line.</summary>
    private bool Append((string Partition, LogCompression Compression) key, LogLines line)
    {
        lock (_lock)
        {
            if (_count >= _capacity)
            {
                metrics.RecordBufferFull();
                return false;
            }

            if (!_filling.TryGetValue(key, out var lines))
            {
                _filling[key] = lines = _spare.TryPop(out var spare) ? spare : new LogLines();
            }

            lines.AppendLines(line);
            return _count++ == 0;
        }
    }

    /// <summary>Waits until a line has been added since the last <see cref="Take"/>.</summary>
    public async Task WaitForLinesAsync(CancellationToken cancellationToken) => await _started.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Takes every waiting line, by partition; hand the batch back with <see cref="Return"/> once written.</summary>
    public Batch Take()
    {
        lock (_lock)
        {
            var batch = new Batch(_filling, _count);
            _filling = [];
            _count = 0;
            return batch;
        }
    }

    /// <summary>Keeps a written batch's buffers for the next ones (a few; a busy hour's partitions need no more).</summary>
    public void Return(Batch batch)
    {
        lock (_lock)
        {
            foreach (var lines in batch.Partitions.Values)
            {
                if (_spare.Count < MaxSpareLines)
                {
                    lines.Clear();
                    _spare.Push(lines);
                }
            }
        }
    }

    /// <summary>Lines taken together: each partition's, and how many in all.</summary>
    public sealed record Batch(IReadOnlyDictionary<(string Partition, LogCompression Compression), LogLines> Partitions, int Count);
}
