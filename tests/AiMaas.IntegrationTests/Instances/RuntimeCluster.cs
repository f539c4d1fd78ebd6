using AiMaas.Core;
using AiMaas.LocalRuntime;

namespace AiMaas.IntegrationTests.Instances;

/// <summary>
/// Several instances against one storage account, as Flex Consumption scales out: each its own process and port, all
/// sharing containers and a training queue of their own (so the in-process test runtime never takes their messages).
/// </summary>
internal sealed class RuntimeCluster : IDisposable
{
    /// <summary>Alias answers are reused this long; short, so that the propagation tests wait little.</summary>
    public static readonly TimeSpan AliasCacheDuration = TimeSpan.FromSeconds(2);

    private RuntimeCluster(IReadOnlyList<RuntimeProcess> instances, IReadOnlyDictionary<string, string?> settings)
    {
        Instances = instances;
        Settings = settings;
    }

    public IReadOnlyList<RuntimeProcess> Instances { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public string TrainingQueueName => Settings[AiMaasOptions.TrainingQueueSetting]!;

    public static Dictionary<string, string?> DefaultSettings(string storageConnectionString) => new()
    {
        ["AzureWebJobsStorage"] = storageConnectionString,
        [AiMaasOptions.TrainingQueueSetting] = "it-c-" + Guid.NewGuid().ToString("N")[..12],
        [Core.Batch.BatchOptions.ScoringQueueSetting] = "it-cs-" + Guid.NewGuid().ToString("N")[..12],
        [LocalRuntimeOptions.HostKeySetting] = Platform.HostKey,
        ["AiMaas:AliasCacheDuration"] = AliasCacheDuration.ToString(),

        // Idle instances poll often, so that queued jobs start soon after submission.
        ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.500",
    };

    public static async Task<RuntimeCluster> StartAsync(
        int count, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken, string name = "instance")
    {
        var started = new List<RuntimeProcess>();
        try
        {
            // One after another: on two cores, parallel start-ups only slow each other down.
            for (var i = 0; i < count; i++)
            {
                started.Add(await RuntimeProcess.StartAsync($"{name}{i + 1}", settings, cancellationToken));
            }
        }
        catch
        {
            started.ForEach(i => i.Dispose());
            throw;
        }

        return new RuntimeCluster(started, settings);
    }

    public void Dispose()
    {
        foreach (var instance in Instances)
        {
            instance.Dispose();
        }
    }
}
