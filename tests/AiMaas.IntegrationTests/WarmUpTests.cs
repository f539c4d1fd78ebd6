using System.Net;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

/// <summary>With AiMaas:WarmUpOnStart, current versions are loaded at start-up, before the server reports ready.</summary>
[TestClass]
public sealed class WarmUpTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Start_WithWarmUp_LoadsCurrentVersionsBeforeReportingReady()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("warm");
        var job = await Api.TrainAsync(model, new { csv = SampleData.Read("iris.csv"), label = "species" }, token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);

        await using var host = await ExtraHost.StartAsync(new Dictionary<string, string?> { ["AiMaas:WarmUpOnStart"] = "true" }, token);
        await ModelReadinessTests.WaitUntilReadyAsync("v2/health/ready", token, host.AnonymousClient);

        var (status, body) = await Api.GetAsync($"v2/models/{model}/ready", token, host.Client);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.IsTrue(body.GetProperty("ready").GetBoolean());
    }
}
