using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Diagnostics;

/// <summary>Access control and audit; key material is never a parameter here.</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Warning, "Could not append {Count} audit records; they are kept for the next attempt")]
    public static partial void AuditWriteFailed(this ILogger logger, Exception exception, int count);
}
