namespace AiMaas.Core.PredictionLog;

/// <summary>Where flushed records go: appended, per partition and storage format, in the order given.</summary>
public interface IPredictionLogSink
{
    /// <summary>Appends the lines; they belong to the caller again when the returned task ends.</summary>
    Task AppendAsync(string partition, LogCompression compression, LogLines lines, CancellationToken cancellationToken);
}
