using AiMaas.Infra.Tests.Arm;

namespace AiMaas.Infra.Tests;

/// <summary>The audit container is immutable, storage and app logs reach Log Analytics, and Entra ID roles are declared.</summary>
[TestClass]
public sealed class AccessInfraTests
{
    [TestMethod]
    public void AuditContainer_HasTimeBasedRetentionThatAllowsAppends()
    {
        var policy = CompiledTemplate.Single(ResourceTypes.ImmutabilityPolicy);
        var container = CompiledTemplate.OfType(ResourceTypes.BlobContainer).Single(r => !r.Json.TryGetProperty("copy", out _));

        Assert.AreEqual("audit", container.Template.FollowParameter("auditContainerName").Text);
        StringAssert.Contains(policy.Name, "parameters('auditContainerName')");
        Assert.IsTrue(policy.At("properties.allowProtectedAppendWrites").GetBoolean(), "the app appends to its audit blobs");
        var days = policy.Follow("properties.immutabilityPeriodSinceCreationInDays");
        Assert.IsTrue(days.IsRootParameter("auditRetentionDays"));
        Assert.IsGreaterThanOrEqualTo(1, CompiledTemplate.Root.Parameter("auditRetentionDays").GetProperty("defaultValue").GetInt32());
    }

    [TestMethod]
    [DataRow("Microsoft.Storage/storageAccounts/blobServices", "StorageRead,StorageWrite,StorageDelete")]
    [DataRow("Microsoft.Storage/storageAccounts/queueServices", "StorageRead,StorageWrite,StorageDelete")]
    [DataRow("Microsoft.Web/sites", "FunctionAppLogs")]
    public void DiagnosticSettings_SendTheLogsToLogAnalytics(string scopeType, string categories)
    {
        var setting = CompiledTemplate.OfType(ResourceTypes.DiagnosticSettings)
            .Single(r => r.Json.GetProperty("scope").GetString()!.Contains($"resourceId('{scopeType}'", StringComparison.Ordinal));

        StringAssert.Contains(setting.At("properties.workspaceId").GetString(), ResourceTypes.LogAnalytics);
        var enabled = setting.At("properties.logs").EnumerateArray()
            .Where(l => l.GetProperty("enabled").GetBoolean())
            .Select(l => l.GetProperty("category").GetString())
            .ToArray();
        CollectionAssert.AreEquivalent(categories.Split(','), enabled);
    }

    [TestMethod]
    public void DiagnosticSettings_TargetTheDeployedWorkspace()
    {
        var module = CompiledTemplate.Root.Deployment(CompiledTemplate.OfType(ResourceTypes.DiagnosticSettings).First().Template.Name);

        StringAssert.Contains(module.Json.GetProperty("properties").GetProperty("parameters").GetProperty("logAnalyticsName").GetProperty("value").GetString(), "monitoring");
    }

    [TestMethod]
    public void EntraAppRoles_AreDeclaredForEveryScopeGroup()
    {
        var roles = CompiledTemplate.Root.Json.GetProperty("outputs").GetProperty("AIMAAS_ENTRA_APP_ROLES");

        // JSON text for `az ad app update --app-roles`.
        Assert.AreEqual("[string(variables('entraAppRoles'))]", roles.GetProperty("value").GetString());
        foreach (var role in new[] { "AiMaas.Predict", "AiMaas.Train", "AiMaas.Manage", "AiMaas.Admin" })
        {
            StringAssert.Contains(CompiledTemplate.Text, $"'value', '{role}'");
        }
    }

    [TestMethod]
    public void ClientPrincipal_IsTrustedOnlyWithEntraAuth()
    {
        var setting = FunctionAppSite.AppSettings["AiMaas__Access__TrustClientPrincipal"];
        var site = FunctionAppSite.Resource.Template;

        Assert.AreEqual("[string(parameters('trustClientPrincipal'))]", setting.Text);
        Assert.IsTrue(site.FollowParameter("trustClientPrincipal").IsRootParameter("enableEntraAuth"));
    }
}
