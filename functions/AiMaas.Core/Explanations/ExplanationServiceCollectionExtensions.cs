using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.Core.Explanations;

public static class ExplanationServiceCollectionExtensions
{
    /// <summary>Per-prediction explanations (the explain endpoints) and the feature importance recorded at training.</summary>
    public static IServiceCollection AddAiMaasExplanations(this IServiceCollection services)
    {
        services.AddSingleton<ExplanationStore>();
        services.AddSingleton<ExplainerProvider>();
        services.AddSingleton<ExplanationService>();
        return services;
    }
}
