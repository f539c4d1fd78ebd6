using System.Diagnostics.Metrics;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Counters of the prediction log (meter <c>AiMaas.PredictionLog</c>): records buffered, written and dropped (tagged with
/// <c>reason</c>: <c>buffer_full</c> or <c>write_failed</c>). The totals are also kept here for the periodic log line.
/// </summary>
public sealed class PredictionLogMetrics
{
    public const string MeterName = "AiMaas.PredictionLog";

    private static readonly KeyValuePair<string, object?> s_bufferFull = new("reason", "buffer_full");
    private static readonly KeyValuePair<string, object?> s_writeFailed = new("reason", "write_failed");

    private readonly Counter<long> _written;
    private readonly Counter<long> _dropped;
    private long _writtenTotal;
    private long _droppedBufferFull;
    private long _droppedWriteFailed;

    public PredictionLogMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _written = meter.CreateCounter<long>("aimaas.prediction_log.records_written", "{record}", "Prediction log records appended to storage");
        _dropped = meter.CreateCounter<long>("aimaas.prediction_log.records_dropped", "{record}", "Prediction log records dropped: buffer full or storage failing");
    }

    public long Written => Interlocked.Read(ref _writtenTotal);

    public long DroppedBufferFull => Interlocked.Read(ref _droppedBufferFull);

    public long DroppedWriteFailed => Interlocked.Read(ref _droppedWriteFailed);

    public long Dropped => DroppedBufferFull + DroppedWriteFailed;

    public void RecordWritten(int count)
    {
        Interlocked.Add(ref _writtenTotal, count);
        _written.Add(count);
    }

    public void RecordBufferFull()
    {
        Interlocked.Increment(ref _droppedBufferFull);
        _dropped.Add(1, s_bufferFull);
    }

    public void RecordWriteFailed(int count)
    {
        Interlocked.Add(ref _droppedWriteFailed, count);
        _dropped.Add(count, s_writeFailed);
    }
}
