using AiMaas.Core.Serving;
using AiMaas.Core.Storage;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.PredictionLog;

public static class PredictionLogServiceCollectionExtensions
{
    /// <summary>The connection of a separate storage account for the prediction log; AiMaas's own storage when not set.</summary>
    public const string ConnectionName = "PredictionLogStorage";

    /// <summary>The prediction log: settings, the recorder on the predict path, the buffer and its background flusher, the reader.</summary>
    public static IHostApplicationBuilder AddAiMaasPredictionLog(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PredictionLogOptions>().BindConfiguration(PredictionLogOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PredictionLogOptions>, PredictionLogOptionsValidator>();
        services.AddMetrics();

        var separate = builder.Configuration.GetSection(ConnectionName).Exists()
            ? StorageConnectionReader.Read(builder.Configuration, ConnectionName)
            : null;
        services.AddSingleton(provider =>
        {
            var blobs = separate is null
                ? provider.GetRequiredService<BlobServiceClient>()
                : StorageClientFactory.CreateBlobServiceClient(separate);
            return new PredictionLogContainer(blobs.GetBlobContainerClient(provider.GetRequiredService<IOptions<PredictionLogOptions>>().Value.Container));
        });

        services.AddSingleton<PredictionLogMetrics>();
        services.AddSingleton<PredictionLogBuffer>();
        services.AddSingleton<PredictionRecordSerializer>();
        services.AddSingleton<LoggingSettingsStore>();
        services.AddSingleton<LoggingSettingsCache>();
        services.AddSingleton<IPredictionRecorder, PredictionRecorder>();
        services.AddSingleton<IPredictionLogSink, BlobPredictionLogSink>();
        services.AddHostedService<PredictionLogFlusher>();
        services.AddSingleton<PredictionLogReader>();
        services.AddSingleton<PredictionLogService>();
        return builder;
    }
}
