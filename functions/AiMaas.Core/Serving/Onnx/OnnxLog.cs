using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Serving.Onnx;

internal static partial class OnnxLog
{
    [LoggerMessage(3400, LogLevel.Information, "Version {Version} of model {Model}: large batches split across cores {Split} ({Reason})")]
    public static partial void OnnxBatchSplitDecided(this ILogger logger, string model, int version, bool split, string reason);
}
