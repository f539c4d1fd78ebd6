namespace AiMaas.Infra.Tests;

internal static class ResourceTypes
{
    public const string StorageAccount = "Microsoft.Storage/storageAccounts";
    public const string BlobContainer = "Microsoft.Storage/storageAccounts/blobServices/containers";
    public const string ImmutabilityPolicy = "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies";
    public const string DiagnosticSettings = "Microsoft.Insights/diagnosticSettings";
    public const string Queue = "Microsoft.Storage/storageAccounts/queueServices/queues";
    public const string Plan = "Microsoft.Web/serverfarms";
    public const string Site = "Microsoft.Web/sites";
    public const string SiteConfig = "Microsoft.Web/sites/config";
    public const string PublishingCredentialsPolicy = "Microsoft.Web/sites/basicPublishingCredentialsPolicies";
    public const string RoleAssignment = "Microsoft.Authorization/roleAssignments";
    public const string ApplicationInsights = "Microsoft.Insights/components";
    public const string LogAnalytics = "Microsoft.OperationalInsights/workspaces";
    public const string ResourceGroup = "Microsoft.Resources/resourceGroups";
    public const string VirtualNetwork = "Microsoft.Network/virtualNetworks";
    public const string PrivateEndpoint = "Microsoft.Network/privateEndpoints";
    public const string PrivateDnsZone = "Microsoft.Network/privateDnsZones";
}
