using AiMaas.Core.Serving.KServeV1;
using AiMaas.Core.Serving.OpenInference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving;

public static class ServingServiceCollectionExtensions
{
    /// <summary>Serving settings and the services behind the inference protocols, the model cache's warm-up and readiness.</summary>
    public static IServiceCollection AddAiMaasServing(this IServiceCollection services)
    {
        services.AddOptions<ServingOptions>().BindConfiguration(ServingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServingOptions>, ServingOptionsValidator>();
        services.AddSingleton<JsonBodyReader>();
        services.AddSingleton<ModelResolver>();
        services.AddSingleton<ScoringRequestReader>();
        services.AddSingleton<ModelStatusService>();
        services.AddSingleton<WarmUpState>();
        services.AddHostedService<ModelWarmUp>();
        services.AddSingleton<OpenInferenceService>();
        services.AddSingleton<KServeV1Service>();
        services.AddSingleton<Onnx.OnnxExporter>();
        return services;
    }
}
