namespace AiMaas.Infra.Tests;

[TestClass]
public sealed class AppSettingsTests
{
    private static readonly string[] ForbiddenFragments =
        ["AccountKey", "SharedAccessSignature", "DefaultEndpointsProtocol", "listKeys", "listAccountSas", "listServiceSas"];

    [TestMethod]
    [DataRow("AzureWebJobsStorage__credential")]
    [DataRow("AzureWebJobsStorage__clientId")]
    [DataRow("AzureWebJobsStorage__blobServiceUri")]
    [DataRow("AzureWebJobsStorage__queueServiceUri")]
    [DataRow("AIMAAS_TRAINING_QUEUE")]
    [DataRow("AIMAAS_SCORING_QUEUE")]
    [DataRow("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [DataRow("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")]
    public void StartupSetting_Always_IsSetAndNotEmpty(string name)
    {
        Assert.IsTrue(FunctionAppSite.AppSettings.TryGetValue(name, out var value), $"App setting '{name}' is missing.");
        Assert.IsFalse(string.IsNullOrWhiteSpace(value.Text), $"App setting '{name}' is empty.");
    }

    [TestMethod]
    public void StorageCredential_Always_IsManagedIdentity() =>
        Assert.AreEqual("managedidentity", FunctionAppSite.AppSettings["AzureWebJobsStorage__credential"].Text);

    [TestMethod]
    public void TrainingQueue_Always_IsTheCreatedQueue()
    {
        var queue = FunctionAppSite.AppSettings["AIMAAS_TRAINING_QUEUE"].Text;

        Assert.AreEqual("training-requests", queue);
        CollectionAssert.Contains(StorageAccountTests.CreatedNames(ResourceTypes.Queue), queue);
    }

    [TestMethod]
    public void ApplicationInsightsAuthentication_Always_UsesEntraIdWithIdentityClientId()
    {
        var value = FunctionAppSite.AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"].Text;

        Assert.Contains("Authorization=AAD", value);
        Assert.Contains("ClientId=", value);
        Assert.Contains(".clientId", value);
    }

    [TestMethod]
    public void Settings_NameOrValue_ContainsNoKeyMaterial()
    {
        foreach (var (name, value) in FunctionAppSite.AppSettings)
        {
            foreach (var fragment in ForbiddenFragments)
            {
                Assert.DoesNotContain(fragment, name, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(fragment, value.Text, StringComparison.OrdinalIgnoreCase, $"App setting '{name}' looks like key material.");
            }
        }
    }

    [TestMethod]
    public void Settings_Always_HaveNoTableOrFileEndpoint()
    {
        Assert.IsFalse(FunctionAppSite.AppSettings.ContainsKey("AzureWebJobsStorage__tableServiceUri"));
        Assert.IsFalse(FunctionAppSite.AppSettings.ContainsKey("AzureWebJobsStorage__fileServiceUri"));
    }
}
