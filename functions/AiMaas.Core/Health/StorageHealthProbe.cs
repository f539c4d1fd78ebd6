using AiMaas.Core.Storage;
using Azure;

namespace AiMaas.Core.Health;

/// <summary>Asks blob and queue storage a cheap question each, so that a health probe reports what users will hit.</summary>
public sealed class StorageHealthProbe(AiMaasStorage storage)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var blob = Probe(() => storage.Models.ExistsAsync(timeout.Token));
        var queue = Probe(() => storage.TrainingQueue.ExistsAsync(timeout.Token));
        var checks = new Dictionary<string, string>
        {
            ["blobStorage"] = await blob.ConfigureAwait(false),
            ["queueStorage"] = await queue.ConfigureAwait(false),
        };
        return new HealthReport(checks.Values.All(v => v == "ok") ? "healthy" : "unhealthy", checks);
    }

    private static async Task<string> Probe(Func<Task<Response<bool>>> call)
    {
        try
        {
            return (await call().ConfigureAwait(false)).Value ? "ok" : "missing";
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or AggregateException)
        {
            return "unreachable: " + ex.Message.Split('\n')[0];
        }
    }
}
