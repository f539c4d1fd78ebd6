using Microsoft.Extensions.Logging;

namespace AiMaas.LocalRuntime;

internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Function {Function} listens to queue {Queue} (batchSize {BatchSize}, maxDequeueCount {MaxDequeueCount})")]
    public static partial void ListeningToQueue(this ILogger logger, string function, string queue, int batchSize, int maxDequeueCount);

    [LoggerMessage(101, LogLevel.Warning, "Polling queue {Queue} failed")]
    public static partial void PollFailed(this ILogger logger, Exception exception, string queue);

    [LoggerMessage(102, LogLevel.Error, "Function {Function} failed for message {MessageId} on delivery {DequeueCount}")]
    public static partial void FunctionFailed(this ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(103, LogLevel.Warning, "Message {MessageId} moved from {Queue} to {PoisonQueue} after {DequeueCount} deliveries")]
    public static partial void MovedToPoison(this ILogger logger, string messageId, string queue, string poisonQueue, long dequeueCount);

    [LoggerMessage(104, LogLevel.Error, "Could not delete or release message {MessageId} on queue {Queue}")]
    public static partial void MessageSettlementFailed(this ILogger logger, Exception exception, string messageId, string queue);

    [LoggerMessage(105, LogLevel.Information, "{Method} {Url} -> {Function} ({AuthLevel})")]
    public static partial void HttpFunctionMapped(this ILogger logger, string method, string url, string function, string authLevel);

    [LoggerMessage(106, LogLevel.Warning, "Could not renew the visibility of message {MessageId}; trying again in {Delay}")]
    public static partial void VisibilityRenewalFailed(this ILogger logger, Exception exception, string messageId, TimeSpan delay);

    [LoggerMessage(107, LogLevel.Warning, "Message {MessageId} is no longer held (deleted, or its pop receipt changed); its visibility is no longer renewed")]
    public static partial void VisibilityRenewalLost(this ILogger logger, Exception exception, string messageId);

    [LoggerMessage(108, LogLevel.Information, "Started: Main entered {MainMs:0} ms after the process started, host built at {BuiltMs:0} ms, listening at {ListeningMs:0} ms")]
    public static partial void Started(this ILogger logger, double mainMs, double builtMs, double listeningMs);

    [LoggerMessage(109, LogLevel.Information, "Start-up primer finished at {FinishedMs:0} ms")]
    public static partial void PrimerFinished(this ILogger logger, double finishedMs);

    [LoggerMessage(110, LogLevel.Warning, "Start-up primer failed; the first prediction warms up on the request path instead")]
    public static partial void PrimerFailed(this ILogger logger, Exception exception);
}
