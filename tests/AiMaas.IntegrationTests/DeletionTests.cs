using System.Net;
using AiMaas.Core;
using AiMaas.Core.Registry;
using AiMaas.Core.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiMaas.IntegrationTests;

[TestClass]
public sealed class DeletionTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task DeleteVersion_WhileAnAliasPointsAtIt_Returns409NamingTheAlias()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("del");
        await Api.TrainIrisAsync(model, token);

        var (status, problem, _) = await Api.SendAsync(HttpMethod.Delete, $"api/models/{model}/versions/1", null, token);

        Assert.AreEqual(HttpStatusCode.Conflict, status);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "'current'");
    }

    [TestMethod]
    public async Task DeleteVersion_Unaliased_IsGoneAndNeverAliasedAgain()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("del");
        await Api.TrainIrisAsync(model, token);
        await Api.TrainIrisAsync(model, token, promote: "never");
        var body = $$"""{"instances":[{{SampleData.IrisInstance}}]}""";
        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{model}/versions/2/predict", body, token)).Status);

        var (status, _, _) = await Api.SendAsync(HttpMethod.Delete, $"api/models/{model}/versions/2", null, token);

        Assert.AreEqual(HttpStatusCode.NoContent, status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await Api.PostAsync($"api/models/{model}/versions/2/predict", body, token)).Status, "the deleted version was still served from memory");
        Assert.AreEqual(HttpStatusCode.NotFound, (await Api.GetAsync($"api/models/{model}/versions/2", token)).Status);
        var (aliasStatus, _, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/aliases/current", """{"version":2}""", token);
        Assert.AreEqual(HttpStatusCode.NotFound, aliasStatus);
        var (_, details) = await Api.GetAsync($"api/models/{model}", token);
        CollectionAssert.AreEqual(new[] { 1 }, details.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToArray());
        var next = await Api.TrainIrisAsync(model, token, promote: "never");
        Assert.AreEqual(3, next.Version, "a deleted version's number is never reused");
    }

    [TestMethod]
    public async Task DeleteModel_RemovesEverything()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("del");
        await Api.TrainIrisAsync(model, token);

        var (status, _, _) = await Api.SendAsync(HttpMethod.Delete, $"api/models/{model}", null, token);

        Assert.AreEqual(HttpStatusCode.NoContent, status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await Api.GetAsync($"api/models/{model}", token)).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await Api.GetAsync($"api/models/{model}/versions/1", token)).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Delete, $"api/models/{model}", null, token)).Status);
        var blobs = Platform.Container("models").GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, model + "/", token);
        await foreach (var blob in blobs)
        {
            Assert.Fail($"blob {blob.Name} survived");
        }
    }

    [TestMethod]
    public async Task Retention_KeepsOnlyTheNewestUnaliasedVersions()
    {
        var token = TestContext.CancellationToken;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Platform.Settings());
        builder.Configuration["AiMaas:RetainVersions"] = "1";
        builder.AddAiMaasCore();
        using var host = builder.Build();
        var runner = host.Services.GetRequiredService<TrainingJobRunner>();
        var model = Platform.UniqueName("keep");

        foreach (var promote in new[] { "always", "never", "never" })
        {
            var body = System.Text.Json.JsonSerializer.Serialize(new { model, csv = SampleData.Read("iris.csv"), label = "species", promote, jobId = Guid.NewGuid().ToString("N") });
            Assert.AreEqual(TrainingOutcome.Succeeded, await runner.RunAsync(new TrainingMessage(body, "m", 1, 5), token));
        }

        var versions = await host.Services.GetRequiredService<ModelRegistry>().ListPublishedVersionsAsync(model, token);
        CollectionAssert.AreEqual(new[] { 1, 3 }, versions.ToArray(), "version 1 is current; of the unaliased 2 and 3 only the newest stays");
    }
}
