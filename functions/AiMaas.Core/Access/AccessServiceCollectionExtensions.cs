using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>API keys and their scopes.</summary>
    public static IServiceCollection AddAiMaasAccess(this IServiceCollection services)
    {
        services.AddOptions<AccessOptions>()
            .BindConfiguration(AccessOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
                options.HostKey = configuration[AccessOptions.HostKeySetting] is { Length: > 0 } key ? key : options.HostKey)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccessOptions>, AccessOptionsValidator>();
        services.AddSingleton<ApiKeyStore>();
        return services;
    }
}
