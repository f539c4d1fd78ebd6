using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Jobs;

internal static partial class Log
{
    [LoggerMessage(2100, LogLevel.Warning, "Could not write the heartbeat of job {JobId}; the next one will try again")]
    public static partial void HeartbeatFailed(this ILogger logger, Exception exception, string jobId);
}
