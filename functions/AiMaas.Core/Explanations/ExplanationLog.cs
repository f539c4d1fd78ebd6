using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Explanations;

internal static partial class ExplanationLog
{
    [LoggerMessage(3300, LogLevel.Information, "Version {Version} of model {Model} is explained with method {Method}")]
    public static partial void ExplainerReady(this ILogger logger, string model, int version, string method);

    [LoggerMessage(3301, LogLevel.Warning, "Version {Version} of model {Model}: exact explanations are unavailable ({Reason}); explained by sampling")]
    public static partial void ExactExplainerUnavailable(this ILogger logger, string model, int version, string reason);

    [LoggerMessage(3302, LogLevel.Information, "Feature importance of version {Version} of model {Model}: {Rows} held-out rows, {Permutations} permutations, {Milliseconds} ms")]
    public static partial void ImportanceComputed(this ILogger logger, string model, int version, int rows, int permutations, double milliseconds);

    [LoggerMessage(3303, LogLevel.Warning, "Version {Version} of model {Model}: feature importance or the explanation background could not be computed")]
    public static partial void ExplanationsNotRecorded(this ILogger logger, Exception exception, string model, int version);
}
