using System.Diagnostics;
using AiMaas.Core.Diagnostics;
using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Moves lines from the buffer to storage in the background: a flush starts when <see cref="PredictionLogOptions.FlushRecords"/>
/// lines wait or <see cref="PredictionLogOptions.FlushInterval"/> after the first one; a flush that storage does not finish
/// within <see cref="PredictionLogOptions.WriteTimeout"/> drops its lines (counted). On a graceful stop the buffer is flushed.
/// </summary>
public sealed class PredictionLogFlusher(
    PredictionLogBuffer buffer,
    IPredictionLogSink sink,
    PredictionLogMetrics metrics,
    IOptions<PredictionLogOptions> options,
    TimeProvider time,
    ILogger<PredictionLogFlusher> logger) : BackgroundService
{
    /// <summary>How often a filling batch is looked at (and how late a full batch may start its flush).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan s_dropReportInterval = TimeSpan.FromMinutes(1);

    private long _droppedReported;
    private long _lastDropReport;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            while (true)
            {
                await buffer.WaitForLinesAsync(stoppingToken).ConfigureAwait(false);

                // The batch fills by polling the buffer, not by waking on each record: under load a wake-up per record
                // (a thread-pool item for every prediction) cost more than serializing the record.
                var started = time.GetTimestamp();
                while (buffer.Count < settings.FlushRecords && time.GetElapsedTime(started) is var elapsed && elapsed < settings.FlushInterval)
                {
                    var wait = settings.FlushInterval - elapsed;
                    await Task.Delay(wait < PollInterval ? wait : PollInterval, time, stoppingToken).ConfigureAwait(false);
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
        while (buffer.Count > 0)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = buffer.Take();
        if (batch.Count == 0)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.WriteTimeout);
        foreach (var ((partition, compression), lines) in batch.Partitions)
        {
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

        buffer.Return(batch);
        ReportDrops();
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
