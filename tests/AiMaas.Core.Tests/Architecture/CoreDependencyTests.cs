namespace AiMaas.Core.Tests.Architecture;

[TestClass]
public sealed class CoreDependencyTests
{
    [TestMethod]
    [DataRow("Microsoft.Azure.Functions")]
    [DataRow("Microsoft.AspNetCore")]
    public void CoreAssembly_References_NoHostFramework(string forbiddenPrefix)
    {
        var references = typeof(AiMaasOptions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.IsNotEmpty(references);
        var forbidden = references.Where(name => name.StartsWith(forbiddenPrefix, StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.IsEmpty(forbidden, $"AiMaas.Core must stay host-agnostic but references {string.Join(", ", forbidden)}");
    }

    [TestMethod]
    public void CoreAssembly_References_TheLibrariesItIsBuiltOn()
    {
        // Guards the test above against passing vacuously (e.g. reading the wrong assembly).
        var references = typeof(AiMaasOptions).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();

        CollectionAssert.Contains(references, "Microsoft.ML.Data");
        CollectionAssert.Contains(references, "Azure.Storage.Blobs");
    }
}
