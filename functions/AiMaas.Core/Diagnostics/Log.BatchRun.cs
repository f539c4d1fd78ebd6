using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Diagnostics;

internal static partial class Log
{
    [LoggerMessage(6010, LogLevel.Error, "Batch job {JobId} failed: the queue poisoned its message after attempt {Attempts} of {MaxDequeueCount} ended without a result")]
    public static partial void BatchPoisoned(this ILogger logger, string jobId, int attempts, int maxDequeueCount);

    [LoggerMessage(6011, LogLevel.Warning, "A poisoned scoring message names no batch job that is still open ({JobId}); nothing to record")]
    public static partial void PoisonedScoringMessageWithoutOpenJob(this ILogger logger, string jobId);

    [LoggerMessage(6012, LogLevel.Information, "Batch job {JobId} attempt timings over {Chunks} chunks: reading and parsing {ReadSeconds} s, scoring and rendering {ScoreSeconds} s, committing blocks and job records {CommitSeconds} s in the background (of which job record writes {RecordSeconds} s), waiting for commits {WaitSeconds} s")]
    public static partial void BatchJobTimings(this ILogger logger, string jobId, int chunks, double readSeconds, double scoreSeconds, double commitSeconds, double waitSeconds, double recordSeconds);
}
