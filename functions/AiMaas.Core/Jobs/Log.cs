using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Jobs;

internal static partial class Log
{
    [LoggerMessage(2100, LogLevel.Warning, "Could not write the heartbeat of job {JobId}; the next one will try again")]
    public static partial void HeartbeatFailed(this ILogger logger, Exception exception, string jobId);

    [LoggerMessage(2101, LogLevel.Debug, "Native heap trimmed after job {JobId}: memory given back {Released}, in {Milliseconds:0.0} ms")]
    public static partial void NativeHeapTrimmed(this ILogger logger, string jobId, bool released, double milliseconds);

    [LoggerMessage(2102, LogLevel.Information, "Native heap trimming is unavailable on this system ({Reason}); freed native memory stays with the allocator")]
    public static partial void NativeHeapTrimUnavailable(this ILogger logger, string reason);
}
