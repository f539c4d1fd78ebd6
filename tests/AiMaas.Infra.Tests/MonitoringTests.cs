using AiMaas.Infra.Tests.Arm;

namespace AiMaas.Infra.Tests;

[TestClass]
public sealed class MonitoringTests
{
    private static ArmResource ApplicationInsights => CompiledTemplate.Single(ResourceTypes.ApplicationInsights);

    [TestMethod]
    public void ApplicationInsights_LocalAuth_IsDisabled() =>
        Assert.IsTrue(ApplicationInsights.At("properties.DisableLocalAuth").GetBoolean());

    [TestMethod]
    public void ApplicationInsights_Workspace_IsSet() =>
        Assert.Contains(ResourceTypes.LogAnalytics, ApplicationInsights.At("properties.WorkspaceResourceId").GetString()!);

    [TestMethod]
    public void LogAnalytics_LocalAuth_IsDisabled() =>
        Assert.IsTrue(CompiledTemplate.Single(ResourceTypes.LogAnalytics).At("properties.features.disableLocalAuth").GetBoolean());
}
