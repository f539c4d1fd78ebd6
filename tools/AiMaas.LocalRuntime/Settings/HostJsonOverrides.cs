using System.Globalization;
using AiMaas.Functions.Hosting;
using Microsoft.Extensions.Configuration;

namespace AiMaas.LocalRuntime.Settings;

/// <summary>
/// App settings that override host.json's queue settings, spelled as the Functions host reads them
/// (<c>AzureFunctionsJobHost__extensions__queues__visibilityTimeout</c>), so tests can shorten a retry without a second host.json.
/// </summary>
public static class HostJsonOverrides
{
    public const string QueuesSection = "AzureFunctionsJobHost:extensions:queues";

    public static QueueHostSettings Apply(QueueHostSettings queues, IConfiguration configuration)
    {
        var section = configuration.GetSection(QueuesSection);
        return queues with
        {
            VisibilityTimeout = Duration(section["visibilityTimeout"]) ?? queues.VisibilityTimeout,
            MaxPollingInterval = Duration(section["maxPollingInterval"]) ?? queues.MaxPollingInterval,
            MaxDequeueCount = Number(section["maxDequeueCount"]) ?? queues.MaxDequeueCount,
            BatchSize = Number(section["batchSize"]) ?? queues.BatchSize,
        };
    }

    private static TimeSpan? Duration(string? value) => value is null ? null : TimeSpan.Parse(value, CultureInfo.InvariantCulture);

    private static int? Number(string? value) => value is null ? null : int.Parse(value, CultureInfo.InvariantCulture);
}
