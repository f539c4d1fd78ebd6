using AiMaas.Infra.Tests.Arm;

namespace AiMaas.Infra.Tests;

[TestClass]
public sealed class StorageAccountTests
{
    private static ArmResource Account => CompiledTemplate.Single(ResourceTypes.StorageAccount);

    [TestMethod]
    public void SharedKeyAccess_Always_IsDisabled() =>
        Assert.IsFalse(Account.At("properties.allowSharedKeyAccess").GetBoolean());

    [TestMethod]
    public void BlobPublicAccess_Always_IsDisabled() =>
        Assert.IsFalse(Account.At("properties.allowBlobPublicAccess").GetBoolean());

    [TestMethod]
    public void MinimumTlsVersion_Always_IsTls12() =>
        Assert.AreEqual("TLS1_2", Account.At("properties.minimumTlsVersion").GetString());

    [TestMethod]
    public void HttpsTrafficOnly_Always_IsEnabled() =>
        Assert.IsTrue(Account.At("properties.supportsHttpsTrafficOnly").GetBoolean());

    [TestMethod]
    public void PublicNetworkAccess_WithPrivateNetworking_IsDisabledAndDenied()
    {
        var publicAccess = Account.At("properties.publicNetworkAccess").GetString()!;
        var defaultAction = Account.At("properties.networkAcls.defaultAction").GetString()!;

        Assert.AreEqual("[if(parameters('enablePrivateNetworking'), 'Disabled', 'Enabled')]", publicAccess);
        Assert.AreEqual("[if(parameters('enablePrivateNetworking'), 'Deny', 'Allow')]", defaultAction);
        Assert.IsTrue(Account.Template.FollowParameter("enablePrivateNetworking").IsRootParameter("enablePrivateNetworking"));
        Assert.IsFalse(CompiledTemplate.Root.Parameter("enablePrivateNetworking").GetProperty("defaultValue").GetBoolean());
    }

    [TestMethod]
    [DataRow("datasets")]
    [DataRow("models")]
    [DataRow("jobs")]
    [DataRow("keys")]
    [DataRow("predictions")]
    [DataRow("results")]
    public void BlobContainers_AppContainer_IsCreated(string name) =>
        CollectionAssert.Contains(CreatedNames(ResourceTypes.BlobContainer), name);

    [TestMethod]
    [DataRow("training-requests")]
    [DataRow("training-requests-poison")]
    [DataRow("scoring-requests")]
    [DataRow("scoring-requests-poison")]
    public void Queues_TrainingQueue_IsCreated(string name) =>
        CollectionAssert.Contains(CreatedNames(ResourceTypes.Queue), name);

    [TestMethod]
    public void BlobContainers_DeploymentPackageContainer_IsCreated()
    {
        var deploymentStorage = FunctionAppSite.Resource.At("properties.functionAppConfig.deployment.storage.value").GetString()!;
        // format('{0}{1}', <blob endpoint of parameters('storageAccountName')>, parameters('<container>'))
        var containerParameter = ArmExpression.ParameterNames(deploymentStorage).Last();
        var deploymentContainer = FunctionAppSite.Resource.Template.FollowParameter(containerParameter).Text;

        CollectionAssert.Contains(CreatedNames(ResourceTypes.BlobContainer), deploymentContainer);
    }

    /// <summary>Expands the names of a copy loop over a parameter list (how storage.bicep declares them).</summary>
    internal static List<string> CreatedNames(string type)
    {
        var resource = CompiledTemplate.OfType(type).Single(r => r.Json.TryGetProperty("copy", out _));
        var listParameter = ArmExpression.ParameterNames(resource.Json.GetProperty("copy").GetProperty("count").GetString()!).Single();
        var list = resource.Template.FollowParameter(listParameter);
        return [.. list.Value.EnumerateArray().Select(item => list.Template.Follow(item).Text)];
    }
}
