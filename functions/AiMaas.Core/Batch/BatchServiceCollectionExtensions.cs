using AiMaas.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Batch;

public static class BatchServiceCollectionExtensions
{
    /// <summary>Batch scoring: settings, the scoring queue and results container, the submitter and the queue-driven runner.</summary>
    public static IServiceCollection AddAiMaasBatch(this IServiceCollection services)
    {
        services.AddOptions<BatchOptions>()
            .BindConfiguration(BatchOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.ScoringQueue = configuration[BatchOptions.ScoringQueueSetting] ?? options.ScoringQueue)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BatchOptions>, BatchOptionsValidator>();
        services.AddSingleton<BatchStorage>();
        services.AddSingleton<IStorageProvisioner>(provider => provider.GetRequiredService<BatchStorage>());
        services.AddSingleton<BatchStore>();
        services.AddSingleton<JobLookup>();
        services.AddSingleton<BatchSubmitter>();
        services.AddSingleton<BatchJobRunner>();
        services.AddSingleton<BatchPoisonHandler>();
        return services;
    }
}
