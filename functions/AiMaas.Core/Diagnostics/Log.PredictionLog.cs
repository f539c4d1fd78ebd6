using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Diagnostics;

internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Warning, "Prediction log: could not write {Count} records of partition {Partition}; they are dropped")]
    public static partial void PredictionLogWriteFailed(this ILogger logger, Exception exception, string partition, int count);

    [LoggerMessage(5001, LogLevel.Warning, "Prediction log dropped {Count} records since the last report (in all: {BufferFull} with the buffer full, {WriteFailed} on failed writes); {Buffered} records wait in the buffer")]
    public static partial void PredictionLogRecordsDropped(this ILogger logger, long count, long bufferFull, long writeFailed, int buffered);

    [LoggerMessage(5002, LogLevel.Warning, "Could not read the logging settings of model {Model}; its predictions are not logged until the next read")]
    public static partial void LoggingSettingsReadFailed(this ILogger logger, Exception exception, string model);

    [LoggerMessage(5003, LogLevel.Warning, "Prediction log: skipped a malformed line in blob {Blob}")]
    public static partial void PredictionLogLineSkipped(this ILogger logger, string blob);
}
