using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Diagnostics;

internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Warning, "Could not create the storage containers and queues at start-up")]
    public static partial void StorageInitializationFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2000, LogLevel.Information, "Training job {JobId} for model {Model} started, delivery {DequeueCount}")]
    public static partial void TrainingStarted(this ILogger logger, string jobId, string model, long dequeueCount);

    [LoggerMessage(2001, LogLevel.Information, "Training job {JobId} published version {Version} of model {Model} in {Seconds} s")]
    public static partial void TrainingSucceeded(this ILogger logger, string jobId, string model, int version, double seconds);

    [LoggerMessage(2002, LogLevel.Warning, "Training job {JobId} rejected: {Error}")]
    public static partial void TrainingRejected(this ILogger logger, string jobId, string error);

    [LoggerMessage(2003, LogLevel.Error, "Training job {JobId} failed on delivery {DequeueCount} of {MaxDequeueCount}")]
    public static partial void TrainingAttemptFailed(this ILogger logger, Exception exception, string jobId, long dequeueCount, int maxDequeueCount);

    [LoggerMessage(2004, LogLevel.Information, "Training job {JobId} is already {Status}; redelivered message ignored")]
    public static partial void JobAlreadyFinished(this ILogger logger, string jobId, JobStatus status);

    [LoggerMessage(2005, LogLevel.Error, "Could not record the failure of training job {JobId}")]
    public static partial void JobUpdateFailed(this ILogger logger, Exception exception, string jobId);

    [LoggerMessage(2006, LogLevel.Information, "Version {Version} of model {Model} is now current: {Reason}")]
    public static partial void VersionPromoted(this ILogger logger, string model, int version, string reason);

    [LoggerMessage(2007, LogLevel.Information, "Retention deleted versions {Versions} of model {Model}")]
    public static partial void RetentionDeleted(this ILogger logger, string model, string versions);

    [LoggerMessage(2008, LogLevel.Warning, "Version {Version} of model {Model} was published but not made current: {Detail}")]
    public static partial void PromotionNotApplied(this ILogger logger, string model, int version, string detail);

    [LoggerMessage(3001, LogLevel.Warning, "Refreshing alias {Alias} of model {Model} failed")]
    public static partial void AliasRefreshFailed(this ILogger logger, Exception exception, string model, string alias);

    [LoggerMessage(3000, LogLevel.Information, "Loaded version {Version} of model {Model} ({Bytes} bytes) in {Milliseconds} ms")]
    public static partial void ModelLoaded(this ILogger logger, string model, int version, int bytes, double milliseconds);

    [LoggerMessage(3100, LogLevel.Information, "Evicted version {Version} of model {Model} (about {Bytes} bytes); the cache holds about {CacheBytes} of {BudgetBytes} bytes")]
    public static partial void ModelEvicted(this ILogger logger, string model, int version, long bytes, long cacheBytes, long budgetBytes);

    [LoggerMessage(3101, LogLevel.Warning, "Version {Version} of model {Model} (about {Bytes} bytes) alone exceeds the model cache budget of {BudgetBytes} bytes; it is served, and evicted when another version is loaded")]
    public static partial void ModelOverCacheBudget(this ILogger logger, string model, int version, long bytes, long budgetBytes);

    [LoggerMessage(3102, LogLevel.Information, "Warming up: loading the current versions of {Count} models")]
    public static partial void WarmUpStarted(this ILogger logger, int count);

    [LoggerMessage(3103, LogLevel.Warning, "Warm-up could not load the current version of model {Model}")]
    public static partial void WarmUpFailed(this ILogger logger, Exception exception, string model);

    [LoggerMessage(3104, LogLevel.Information, "Warm-up finished: {Loaded} versions loaded in {Milliseconds} ms")]
    public static partial void WarmUpFinished(this ILogger logger, int loaded, double milliseconds);

    [LoggerMessage(3105, LogLevel.Warning, "Warm-up could not list the models")]
    public static partial void WarmUpListingFailed(this ILogger logger, Exception exception);

    [LoggerMessage(3106, LogLevel.Warning, "Background load of version {Version} of model {Model}, asked for by a readiness check, failed")]
    public static partial void BackgroundLoadFailed(this ILogger logger, Exception exception, string model, int version);

    [LoggerMessage(3107, LogLevel.Warning, "Warm-up did not load the current version of model {Model}: {Detail}")]
    public static partial void WarmUpRefused(this ILogger logger, string model, string detail);

    [LoggerMessage(3200, LogLevel.Error, "Version {Version} of model {Model} is not served: {Detail}")]
    public static partial void ModelOutputMismatch(this ILogger logger, string model, int version, string detail);

    [LoggerMessage(3201, LogLevel.Information, "Version {Version} of model {Model} has no probe rows (stored before probes existed); served unchecked")]
    public static partial void ModelHasNoProbe(this ILogger logger, string model, int version);
}
