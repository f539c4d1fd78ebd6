using System.Net.Http.Json;
using System.Text.Json;
using AiMaas.Core;
using AiMaas.Core.Jobs;
using AiMaas.Core.Vocabulary;
using AiMaas.LocalRuntime;
using AiMaas.Tests.Support;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;

namespace AiMaas.IntegrationTests;

/// <summary>
/// One local runtime for the whole test run, on a free port, against the Azurite that ./test.sh started.
/// Each run uses its own training queue so that runs never see each other's messages.
/// </summary>
[TestClass]
public static class Platform
{
    public const string StorageVariable = "AIMAAS_TEST_STORAGE";

    private static WebApplication? s_app;

    public static string HostKey { get; } = "test-key-" + Guid.NewGuid().ToString("N");

    public static string TrainingQueueName { get; } = "it-" + Guid.NewGuid().ToString("N")[..12];

    public static string ScoringQueueName { get; } = "it-s-" + Guid.NewGuid().ToString("N")[..12];

    public static string StorageConnectionString { get; private set; } = "";

    public static Uri BaseAddress { get; private set; } = null!;

    public static HttpClient Client { get; private set; } = null!;

    public static HttpClient AnonymousClient { get; private set; } = null!;

    public static IServiceProvider Services => s_app!.Services;

    public static JsonSerializerOptions Json => AiMaasJson.Options;

    [AssemblyInitialize]
    public static async Task StartAsync(TestContext context)
    {
        StorageConnectionString = Environment.GetEnvironmentVariable(StorageVariable)
            ?? throw new InvalidOperationException($"{StorageVariable} is not set: run the tests with ./test.sh, which starts Azurite and sets it.");
        s_app = LocalFunctionsHost.Build(new LocalHostSettings
        {
            Port = 0,
            Overrides = Settings(),
        });
        await s_app.StartAsync(context.CancellationToken);
        BaseAddress = new Uri(s_app.Urls.Single());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        Client.DefaultRequestHeaders.Add("x-functions-key", HostKey);
        AnonymousClient = new HttpClient { BaseAddress = BaseAddress };
    }

    [AssemblyCleanup]
    public static async Task StopAsync()
    {
        Client?.Dispose();
        AnonymousClient?.Dispose();
        if (s_app is not null)
        {
            await s_app.StopAsync();
            await s_app.DisposeAsync();
        }
    }

    public static Dictionary<string, string?> Settings() => new()
    {
        ["AzureWebJobsStorage"] = StorageConnectionString,
        [AiMaasOptions.TrainingQueueSetting] = TrainingQueueName,
        [Core.Batch.BatchOptions.ScoringQueueSetting] = ScoringQueueName,
        [LocalRuntimeOptions.HostKeySetting] = HostKey,

        // Audit records reach storage quickly, so that tests can read them back without long polls.
        ["AiMaas:Access:AuditFlushInterval"] = "00:00:00.100",

        // Small upload limits, so that tests can exceed them cheaply.
        ["AiMaas:MaxModelUploadBytes"] = "1048576",
        ["AiMaas:MaxModelExpandedBytes"] = "4194304",
    };

    public static QueueClient TrainingQueue(QueueMessageEncoding encoding) =>
        new(StorageConnectionString, TrainingQueueName, new QueueClientOptions { MessageEncoding = encoding });

    public static BlobContainerClient Container(string name) => new(StorageConnectionString, name);

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];

    /// <summary>Polls the job until it has finished; training is asynchronous by design.</summary>
    public static Task<JobRecord> WaitForJobAsync(string jobId, CancellationToken cancellationToken) =>
        Eventually.MatchesAsync(
            async token =>
            {
                using var response = await Client.GetAsync(new Uri($"api/jobs/{jobId}", UriKind.Relative), token);
                return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JobRecord>(Json, token) : null;
            },
            job => job is { IsFinished: true },
            TimeSpan.FromMinutes(3),
            cancellationToken,
            $"job {jobId} to finish")!;
}
