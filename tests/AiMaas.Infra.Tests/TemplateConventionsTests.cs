using System.Text.Json;
using AiMaas.Infra.Tests.Arm;

namespace AiMaas.Infra.Tests;

[TestClass]
public sealed class TemplateConventionsTests
{
    [TestMethod]
    public void Root_Scope_IsSubscriptionAndCreatesResourceGroup()
    {
        Assert.Contains("subscriptionDeploymentTemplate.json", CompiledTemplate.Root.Json.GetProperty("$schema").GetString()!);
        Assert.AreEqual("[format('rg-{0}', parameters('environmentName'))]", CompiledTemplate.Single(ResourceTypes.ResourceGroup).Name);
    }

    [TestMethod]
    public void Parameters_InEveryTemplate_HaveDescription()
    {
        foreach (var template in CompiledTemplate.AllTemplates)
        {
            if (!template.Json.TryGetProperty("parameters", out var parameters))
            {
                continue;
            }

            foreach (var parameter in parameters.EnumerateObject())
            {
                var hasDescription = parameter.Value.TryGetProperty("metadata", out var metadata)
                    && metadata.TryGetProperty("description", out var description)
                    && description.GetString() is { Length: > 0 };
                Assert.IsTrue(hasDescription, $"Parameter '{parameter.Name}' of template '{template.Name}' has no @description.");
            }
        }
    }

    [TestMethod]
    public void Tags_Root_IncludeAzdEnvName() =>
        Assert.AreEqual("[parameters('environmentName')]", CompiledTemplate.Root.Variable("tags").GetProperty("azd-env-name").GetString());

    [TestMethod]
    public void ResourceToken_Always_UsesUniqueStringOfSubscriptionEnvironmentAndLocation() =>
        Assert.Contains(
            "uniqueString(subscription().id, parameters('environmentName'), parameters('location'))",
            CompiledTemplate.Root.Variable("resourceToken").GetString()!);

    [TestMethod]
    [DataRow("AZURE_LOCATION")]
    [DataRow("AZURE_RESOURCE_GROUP")]
    [DataRow("AZURE_FUNCTION_APP_NAME")]
    [DataRow("SERVICE_API_URI")]
    [DataRow("AZURE_STORAGE_ACCOUNT_NAME")]
    [DataRow("AZURE_STORAGE_BLOB_ENDPOINT")]
    [DataRow("AZURE_STORAGE_QUEUE_ENDPOINT")]
    [DataRow("AZURE_MANAGED_IDENTITY_CLIENT_ID")]
    public void Outputs_DeploymentEssential_IsPresent(string name) =>
        Assert.IsTrue(CompiledTemplate.Root.Json.GetProperty("outputs").TryGetProperty(name, out _), $"Output '{name}' is missing.");

    [TestMethod]
    public void PrivateNetworking_WhenEnabled_CreatesVnetAndPrivateEndpointsForBlobAndQueue()
    {
        var network = CompiledTemplate.Root.Deployment(CompiledTemplate.Single(ResourceTypes.VirtualNetwork).Template.Name);
        var subnets = CompiledTemplate.Single(ResourceTypes.VirtualNetwork).At("properties.subnets");
        var delegations = subnets.EnumerateArray()
            .SelectMany(s => s.GetProperty("properties").TryGetProperty("delegations", out var d) ? d.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(d => d.GetProperty("properties").GetProperty("serviceName").GetString());
        var endpoints = CompiledTemplate.Root.Deployment(CompiledTemplate.Single(ResourceTypes.PrivateEndpoint).Template.Name);

        Assert.AreEqual("[parameters('enablePrivateNetworking')]", network.Json.GetProperty("condition").GetString());
        CollectionAssert.Contains(delegations.ToList(), "Microsoft.App/environments");
        Assert.Contains("parameters('enablePrivateNetworking')", endpoints.At("copy.count").GetString()!);
        Assert.Contains("'blob'", endpoints.At("copy.count").GetString()!);
        Assert.Contains("'queue'", endpoints.At("copy.count").GetString()!);
    }
}
