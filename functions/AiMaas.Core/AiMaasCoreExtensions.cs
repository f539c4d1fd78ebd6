using AiMaas.Core.Access;
using AiMaas.Core.Audit;
using AiMaas.Core.Batch;
using AiMaas.Core.Datasets;
using AiMaas.Core.Drift;
using AiMaas.Core.Explanations;
using AiMaas.Core.Health;
using AiMaas.Core.Jobs;
using AiMaas.Core.Lifecycle;
using AiMaas.Core.PredictionLog;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving;
using AiMaas.Core.Storage;
using AiMaas.Core.Training;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiMaas.Core;

public static class AiMaasCoreExtensions
{
    /// <summary>Registers the AiMaas core: options, storage clients and the training, registry and serving services.</summary>
    public static IHostApplicationBuilder AddAiMaasCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AiMaasOptions>()
            .BindConfiguration(AiMaasOptions.SectionName)
            .Configure<Microsoft.Extensions.Configuration.IConfiguration>((options, configuration) =>
                options.TrainingQueue = configuration[AiMaasOptions.TrainingQueueSetting] ?? options.TrainingQueue)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AiMaasOptions>, AiMaasOptionsValidator>();

        var connection = StorageConnectionReader.Read(builder.Configuration, AiMaasOptions.StorageConnectionName);
        services.AddAzureClients(clients =>
        {
            // Both clients make their own credential (StorageClientFactory: none with a connection string); the factory's
            // default would build a DefaultAzureCredential per client that nothing uses (~100 ms of every cold start).
            clients.UseCredential(new DeferredCredential(() => StorageClientFactory.CreateCredential(connection)));
            clients.AddClient<BlobServiceClient, BlobClientOptions>(options =>
            {
                BlobWriteFaultPolicy.AddIfConfigured(options, builder.Configuration);
                return StorageClientFactory.CreateBlobServiceClient(connection, options);
            });
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, _, provider) =>
            {
                options.MessageEncoding = provider.GetRequiredService<IOptions<AiMaasOptions>>().Value.TrainingQueueEncoding;
                return StorageClientFactory.CreateQueueServiceClient(connection, options);
            });
        });

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AiMaasStorage>();
        services.AddSingleton<IStorageProvisioner>(provider => provider.GetRequiredService<AiMaasStorage>());
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton<DatasetStore>();
        services.AddSingleton<JobStore>();
        services.AddAiMaasJobs();
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<ModelLifecycle>();
        services.AddSingleton<ModelUploader>();
        services.AddSingleton<ModelTrainer>();
        services.AddSingleton<TrainingJobRunner>();
        services.AddSingleton<ExplanationRecorder>();
        services.AddSingleton<EvaluationStore>();
        services.AddSingleton<TrainingPoisonHandler>();
        services.AddSingleton<PromotionDecider>();
        services.AddSingleton<TrainingJobSubmitter>();
        services.AddSingleton<VersionLoader>();
        services.AddSingleton<ModelCache>();
        services.AddSingleton<AliasResolver>();
        services.AddSingleton<PredictionService>();
        services.AddAiMaasServing();
        builder.AddAiMaasPredictionLog();
        services.AddAiMaasBatch();
        services.AddSingleton<DriftService>();
        services.AddAiMaasExplanations();
        services.AddSingleton<StorageHealthProbe>();
        services.AddAiMaasAccess();
        services.AddAiMaasAudit();
        return builder;
    }
}
