namespace AiMaas.Core.PredictionLog;

/// <summary>Where flushed records go: appended, per partition and storage format, in the order given.</summary>
public interface IPredictionLogSink
{
    Task AppendAsync(string partition, LogCompression compression, IReadOnlyList<PendingRecord> records, CancellationToken cancellationToken);
}
