using AiMaas.Core.Data;
using AiMaas.Core.Jobs;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving;
using AiMaas.Core.Storage;
using AiMaas.Core.Training;
using AiMaas.Tests.Storage;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiMaas.Core.Tests.Support;

/// <summary>
/// The core's storage-backed services over <see cref="InMemoryBlobStorage"/> and a fake clock: the production classes,
/// unchanged, talking to the Azure SDK, whose transport answers from memory. Each instance is its own storage account;
/// services built from one instance share its blobs, as instances of the function app share one account.
/// </summary>
internal sealed class InMemoryPlatform
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private InMemoryPlatform(AiMaasOptions options)
    {
        Options = options;
        Storage = new AiMaasStorage(Blobs.CreateServiceClient(), new QueueServiceClient(new Uri("https://memory.queue.core.windows.net/")), Microsoft.Extensions.Options.Options.Create(options));
    }

    public InMemoryBlobStorage Blobs { get; } = new();

    public FakeTimeProvider Time { get; } = new(Start);

    public AiMaasOptions Options { get; }

    public AiMaasStorage Storage { get; }

    public static async Task<InMemoryPlatform> CreateAsync(Action<AiMaasOptions>? configure = null)
    {
        var options = new AiMaasOptions { TrainingQueue = "training-requests" };
        configure?.Invoke(options);
        var platform = new InMemoryPlatform(options);
        await platform.Storage.Models.CreateAsync();
        await platform.Storage.Jobs.CreateAsync();
        await platform.Storage.Datasets.CreateAsync();
        return platform;
    }

    /// <summary>
    /// The core's own composition (<c>AddAiMaasCore</c>) with this storage and clock in place of Azure's: one instance of
    /// the function app, minus its host. Nothing is started; queues are never touched by what the tests resolve.
    /// </summary>
    public IHost Instance()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration[AiMaasOptions.StorageConnectionName] = "UseDevelopmentStorage=true";
        builder.Configuration[AiMaasOptions.TrainingQueueSetting] = Options.TrainingQueue;
        builder.AddAiMaasCore();
        builder.Services.AddSingleton(Storage);
        builder.Services.AddSingleton<TimeProvider>(Time);
        return builder.Build();
    }

    /// <summary>A registry as one instance of the function app holds it: another call is another instance over the same storage.</summary>
    public ModelRegistry Registry() => new(Storage, Time);

    public JobStore JobStore() => new(Storage);

    public ModelCache Cache(long budgetBytes = 512L * 1024 * 1024) =>
        new(new VersionLoader(Registry(), Serving(budgetBytes), NullLogger<VersionLoader>.Instance), Serving(budgetBytes), NullLogger<ModelCache>.Instance);

    /// <summary>Stores <paramref name="model"/> as version <paramref name="version"/> of <paramref name="name"/>, the way a training job publishes it.</summary>
    public async Task<ModelManifest> PublishAsync(string name, int version, TrainedModel model, string? jobId = null)
    {
        var manifest = ModelServing.Manifest(model) with
        {
            Model = name,
            Version = version,
            JobId = jobId,
            Artifact = new ArtifactReference(ModelPaths.Artifact(name, version), ContentHash.Sha256(model.Zip), model.Zip.LongLength),
        };
        return await Registry().PublishAsync(manifest, model.Zip, probe: null, CancellationToken.None);
    }

    private static IOptions<ServingOptions> Serving(long budgetBytes) =>
        Microsoft.Extensions.Options.Options.Create(new ServingOptions { ModelCacheBudgetBytes = budgetBytes, ModelOverheadBytes = 0, ModelMemoryFactor = 1 });
}
