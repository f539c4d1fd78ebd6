using System.Diagnostics;
using AiMaas.Core.Diagnostics;
using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Moves records from the buffer to storage in the background: a flush starts when <see cref="PredictionLogOptions.FlushRecords"/>
/// records wait or <see cref="PredictionLogOptions.FlushInterval"/> after the first one; a flush that storage does not finish
/// within <see cref="PredictionLogOptions.WriteTimeout"/> drops its records (counted). On a graceful stop the buffer is flushed.
/// Records are serialized here, as they are drained, not on the predict path: each straight into its partition's
/// <see cref="LogLines"/>, so the request's objects are let go within a drain interval and no line is copied on its way
/// to storage.
/// </summary>
public sealed class PredictionLogFlusher(
    PredictionLogBuffer buffer,
    PredictionRecordSerializer serializer,
    IPredictionLogSink sink,
    PredictionLogMetrics metrics,
    IOptions<PredictionLogOptions> options,
    TimeProvider time,
    ILogger<PredictionLogFlusher> logger) : BackgroundService
{
    /// <summary>How often a filling batch takes what waits in the buffer (and how late a full batch may start its flush).</summary>
    public static readonly TimeSpan DrainInterval = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan s_dropReportInterval = TimeSpan.FromMinutes(1);

    // The batch by partition and storage format, in arrival order within each; the buffers are reused from flush to flush.
    private readonly Dictionary<(string Partition, LogCompression Compression), LogLines> _partitions = [];
    private int _batchCount;
    private long _droppedReported;
    private long _lastDropReport;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            while (await buffer.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                // The batch fills by polling the buffer, not by waking on each record: under load a wake-up per record
                // (a thread-pool item for every prediction) cost more than serializing the record.
                var started = time.GetTimestamp();
                while (Drain(settings.FlushRecords) < settings.FlushRecords && time.GetElapsedTime(started) is var elapsed && elapsed < settings.FlushInterval)
                {
                    var wait = settings.FlushInterval - elapsed;
                    await Task.Delay(wait < DrainInterval ? wait : DrainInterval, time, stoppingToken).ConfigureAwait(false);
                }

                await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Graceful stop: StopAsync flushes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        while (Drain(int.MaxValue) > 0)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads waiting records into the batch, up to <paramref name="limit"/>; returns the batch size.</summary>
    private int Drain(int limit)
    {
        while (_batchCount < limit && buffer.Reader.TryRead(out var captured))
        {
            var key = (serializer.PartitionOf(captured), captured.Settings.Compression);
            if (!_partitions.TryGetValue(key, out var lines))
            {
                _partitions[key] = lines = new LogLines();
            }

            serializer.Write(captured, lines);
            _batchCount++;
        }

        return _batchCount;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_batchCount == 0)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.WriteTimeout);
        foreach (var ((partition, compression), lines) in _partitions)
        {
            if (lines.Count == 0)
            {
                continue;
            }

            try
            {
                await sink.AppendAsync(partition, compression, lines, timeout.Token).ConfigureAwait(false);
                metrics.RecordWritten(lines.Count);
            }
            catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or IOException or HttpRequestException or AggregateException)
            {
                metrics.RecordWriteFailed(lines.Count);
                logger.PredictionLogWriteFailed(ex, partition, lines.Count);
            }
        }

        _batchCount = 0;
        ForgetPartitions();
        ReportDrops();
    }

    /// <summary>Empties the buffers for the next flush; a partition with nothing in this flush (its hour has passed) is forgotten.</summary>
    private void ForgetPartitions()
    {
        foreach (var (key, lines) in _partitions)
        {
            if (lines.Count == 0)
            {
                _partitions.Remove(key);
            }
            else
            {
                lines.Clear();
            }
        }
    }

    /// <summary>One log line per minute at most while records are being dropped, with the count since the last one.</summary>
    private void ReportDrops()
    {
        var dropped = metrics.Dropped;
        if (dropped == _droppedReported || (_lastDropReport != 0 && Stopwatch.GetElapsedTime(_lastDropReport) < s_dropReportInterval))
        {
            return;
        }

        logger.PredictionLogRecordsDropped(dropped - _droppedReported, metrics.DroppedBufferFull, metrics.DroppedWriteFailed, buffer.Count);
        _droppedReported = dropped;
        _lastDropReport = Stopwatch.GetTimestamp();
    }
}
