namespace AiMaas.Core.PredictionLog;

/// <summary>Where flushed records go: appended, per partition, in the order given.</summary>
public interface IPredictionLogSink
{
    Task AppendAsync(string partition, IReadOnlyList<PendingRecord> records, CancellationToken cancellationToken);
}
