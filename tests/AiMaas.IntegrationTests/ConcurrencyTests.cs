using AiMaas.Core.Registry;
using AiMaas.Core.Vocabulary;
using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.IntegrationTests;

[TestClass]
public sealed class ConcurrencyTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task ConcurrentTrainings_OfOneModel_GetDistinctVersions()
    {
        var model = Platform.UniqueName("conc");
        var csv = SampleData.Read("iris.csv");

        var jobs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Api.TrainAsync(model, new { csv, label = "species" }, TestContext.CancellationToken)));

        Assert.IsTrue(jobs.All(j => j.Status == JobStatus.Succeeded), string.Join("; ", jobs.Select(j => j.Error)));
        CollectionAssert.AreEquivalent(new int?[] { 1, 2, 3 }, jobs.Select(j => j.Version).ToArray());
        var (_, details) = await Api.GetAsync($"api/models/{model}", TestContext.CancellationToken);
        Assert.AreEqual(3, details.GetProperty("versions").GetArrayLength());
    }

    [TestMethod]
    public async Task AllocateVersion_ManyConcurrentWriters_NeverShareANumber()
    {
        var registry = Platform.Services.GetRequiredService<ModelRegistry>();
        var model = Platform.UniqueName("alloc");

        var versions = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => registry.AllocateVersionAsync(model, TestContext.CancellationToken)));

        CollectionAssert.AreEquivalent(Enumerable.Range(1, 20).ToArray(), versions);
    }
}
