using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Diagnostics;

internal static partial class Log
{
    [LoggerMessage(2050, LogLevel.Error, "Training job {JobId} failed: the queue poisoned its message after attempt {Attempts} of {MaxDequeueCount} ended without a result")]
    public static partial void TrainingPoisoned(this ILogger logger, string jobId, int attempts, int maxDequeueCount);

    [LoggerMessage(2051, LogLevel.Warning, "A poisoned training message names no job that is still open ({JobId}); nothing to record")]
    public static partial void PoisonedMessageWithoutOpenJob(this ILogger logger, string jobId);
}
