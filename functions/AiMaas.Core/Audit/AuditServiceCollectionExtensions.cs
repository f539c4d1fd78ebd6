using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.Core.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit trail, its reader and its background writer; needs <c>AddAiMaasAccess</c> for the key settings.</summary>
    public static IServiceCollection AddAiMaasAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditReader>();
        services.AddSingleton<TrainingAudit>();
        services.AddHostedService<AuditWriter>();
        return services;
    }
}
