using AiMaas.Infra.Tests.Arm;

namespace AiMaas.Infra.Tests;

[TestClass]
public sealed class SecretsTests
{
    [TestMethod]
    [DataRow("listKeys")]
    [DataRow("listAccountSas")]
    [DataRow("listServiceSas")]
    [DataRow("AccountKey")]
    [DataRow("SharedAccessSignature")]
    [DataRow("DefaultEndpointsProtocol")]
    public void CompiledTemplate_Anywhere_HasNoKeyMaterial(string fragment) =>
        Assert.DoesNotContain(fragment, CompiledTemplate.Text, StringComparison.OrdinalIgnoreCase);

    [TestMethod]
    public void Outputs_Always_AreNotSecureOrConnectionStrings()
    {
        foreach (var output in CompiledTemplate.Root.Json.GetProperty("outputs").EnumerateObject())
        {
            Assert.AreEqual("string", output.Value.GetProperty("type").GetString(), $"Output '{output.Name}' should be a plain string.");
            Assert.DoesNotContain("ConnectionString", output.Value.GetProperty("value").GetString()!, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("key", output.Name, StringComparison.OrdinalIgnoreCase);
        }
    }
}
