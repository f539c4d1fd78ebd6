using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The heartbeat, progress and stall check of job records (the store itself is registered beside it).</summary>
    public static IServiceCollection AddAiMaasJobs(this IServiceCollection services)
    {
        services.AddOptions<JobMonitoringOptions>()
            .BindConfiguration(JobMonitoringOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.QueueProcessingVisibility = JobMonitoringOptions.ReadQueueProcessingVisibility(configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobMonitoringOptions>, JobMonitoringOptionsValidator>();
        services.AddSingleton<IJobMonitor, JobMonitor>();
        services.AddSingleton<JobStallCheck>();
        services.AddOptions<NativeHeapOptions>().BindConfiguration(NativeHeapOptions.SectionName);
        services.AddSingleton<NativeHeapTrimmer>();
        return services;
    }
}
