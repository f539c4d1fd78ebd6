using AiMaas.Infra.Tests.Arm;

namespace AiMaas.Infra.Tests;

[TestClass]
public sealed class FunctionAppTests
{
    private static ArmResource Site => FunctionAppSite.Resource;

    [TestMethod]
    public void Plan_Sku_IsFlexConsumption()
    {
        var plan = CompiledTemplate.Single(ResourceTypes.Plan);

        Assert.AreEqual("FC1", plan.At("sku.name").GetString());
        Assert.AreEqual("FlexConsumption", plan.At("sku.tier").GetString());
        Assert.IsTrue(plan.At("properties.reserved").GetBoolean());
    }

    [TestMethod]
    public void Kind_Always_IsLinuxFunctionApp() =>
        Assert.AreEqual("functionapp,linux", Site.At("kind").GetString());

    [TestMethod]
    public void HttpsOnly_Always_IsTrue() =>
        Assert.IsTrue(Site.At("properties.httpsOnly").GetBoolean());

    [TestMethod]
    public void Runtime_Always_IsDotnetIsolated10()
    {
        Assert.AreEqual("dotnet-isolated", Site.At("properties.functionAppConfig.runtime.name").GetString());
        Assert.AreEqual("10.0", Site.At("properties.functionAppConfig.runtime.version").GetString());
    }

    [TestMethod]
    [DataRow("maximumInstanceCount")]
    [DataRow("instanceMemoryMB")]
    public void ScaleAndConcurrency_Setting_IsWiredToRootParameter(string name) =>
        Assert.IsTrue(
            Site.Follow($"properties.functionAppConfig.scaleAndConcurrency.{name}").IsRootParameter(name),
            $"scaleAndConcurrency.{name} must come from the main.bicep parameter '{name}'.");

    [TestMethod]
    public void AlwaysReady_HttpGroup_OnlyWhenParameterIsPositive()
    {
        var alwaysReady = Site.At("properties.functionAppConfig.scaleAndConcurrency.alwaysReady").GetString()!;
        var parameter = ArmExpression.ParameterNames(alwaysReady).Distinct().Single();

        Assert.StartsWith($"[if(greater(parameters('{parameter}'), 0)", alwaysReady);
        Assert.Contains("'name', 'http'", alwaysReady);
        Assert.IsTrue(Site.Template.FollowParameter(parameter).IsRootParameter("alwaysReadyHttpInstances"));
    }

    [TestMethod]
    public void DeploymentStorage_Authentication_IsUserAssignedIdentity()
    {
        Assert.AreEqual("blobContainer", Site.At("properties.functionAppConfig.deployment.storage.type").GetString());
        Assert.AreEqual("UserAssignedIdentity", Site.At("properties.functionAppConfig.deployment.storage.authentication.type").GetString());
    }

    [TestMethod]
    public void SiteConfig_Security_EnforcesTls12AndDisablesFtp()
    {
        Assert.AreEqual("1.2", Site.At("properties.siteConfig.minTlsVersion").GetString());
        Assert.AreEqual("Disabled", Site.At("properties.siteConfig.ftpsState").GetString());
    }

    [TestMethod]
    [DataRow("scm")]
    [DataRow("ftp")]
    public void BasicPublishingCredentials_Policy_IsDisabled(string policy)
    {
        var resource = CompiledTemplate.OfType(ResourceTypes.PublishingCredentialsPolicy)
            .Single(r => r.Name.EndsWith($"'{policy}')]", StringComparison.Ordinal));

        Assert.IsFalse(resource.At("properties.allow").GetBoolean());
    }

    [TestMethod]
    public void Identity_Type_IsUserAssigned() =>
        Assert.AreEqual("UserAssigned", Site.At("identity.type").GetString());

    [TestMethod]
    public void Tags_AzdServiceName_IsApi() =>
        Assert.Contains("'azd-service-name', 'api'", Site.At("tags").GetString()!);

    [TestMethod]
    public void EntraAuth_WhenEnabled_ValidatesTokensAndLetsTheAppAnswer401()
    {
        var auth = CompiledTemplate.OfType(ResourceTypes.SiteConfig).Single(r => r.Name.Contains("'authsettingsV2'", StringComparison.Ordinal));
        var module = CompiledTemplate.Root.Deployment(auth.Template.Name);

        // API-key callers carry no Entra ID token: App Service passes them on and the app's gate answers 401 itself.
        Assert.AreEqual("[parameters('enableEntraAuth')]", module.Json.GetProperty("condition").GetString());
        Assert.IsFalse(auth.At("properties.globalValidation.requireAuthentication").GetBoolean());
        Assert.AreEqual("AllowAnonymous", auth.At("properties.globalValidation.unauthenticatedClientAction").GetString());
        Assert.IsTrue(auth.At("properties.identityProviders.azureActiveDirectory.enabled").GetBoolean());
    }
}
