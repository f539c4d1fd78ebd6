using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Diagnostics;

internal static partial class Log
{
    [LoggerMessage(6000, LogLevel.Warning, "Scoring queue message ignored: it names no known batch job: {Message}")]
    public static partial void BatchMessageIgnored(this ILogger logger, string message);

    [LoggerMessage(6001, LogLevel.Information, "Batch job {JobId} is already {Status}; redelivered message ignored")]
    public static partial void BatchJobAlreadyFinished(this ILogger logger, string jobId, JobStatus status);

    [LoggerMessage(6002, LogLevel.Information, "Batch job {JobId} scoring version {Version} of model {Model} started, delivery {DequeueCount}")]
    public static partial void BatchJobStarted(this ILogger logger, string jobId, string model, int version, long dequeueCount);

    [LoggerMessage(6003, LogLevel.Information, "Batch job {JobId} {Status}: {RowsScored} rows scored, {RowsFailed} failed, in {Seconds} s")]
    public static partial void BatchJobFinished(this ILogger logger, string jobId, JobStatus status, long rowsScored, long rowsFailed, double seconds);

    [LoggerMessage(6004, LogLevel.Error, "Batch job {JobId} failed on delivery {DequeueCount} of {MaxDequeueCount}")]
    public static partial void BatchAttemptFailed(this ILogger logger, Exception exception, string jobId, long dequeueCount, int maxDequeueCount);
}
