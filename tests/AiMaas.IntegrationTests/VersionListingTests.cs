using System.Net;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

[TestClass]
public sealed class VersionListingTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task ListVersions_Paged_WalksNewestFirstWithMetricsAndLineage()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("pages");
        for (var i = 0; i < 3; i++)
        {
            var job = await Api.TrainIrisAsync(model, token, promote: i == 0 ? "always" : "never");
            Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        }

        var (status, first) = await Api.GetAsync($"api/models/{model}/versions?pageSize=2", token);
        var next = first.GetProperty("continuationToken").GetString();
        var (_, second) = await Api.GetAsync($"api/models/{model}/versions?pageSize=2&continuationToken={next}", token);

        Assert.AreEqual(HttpStatusCode.OK, status);
        CollectionAssert.AreEqual(new[] { 3, 2 }, first.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToArray());
        CollectionAssert.AreEqual(new[] { 1 }, second.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToArray());
        Assert.IsFalse(second.TryGetProperty("continuationToken", out _));
        var oldest = second.GetProperty("versions")[0];
        Assert.IsTrue(oldest.GetProperty("metrics").TryGetProperty("macroAccuracy", out _));
        Assert.AreEqual("current", oldest.GetProperty("aliases")[0].GetString());
        Assert.AreEqual("SdcaMaximumEntropy", oldest.GetProperty("trainer").GetString());
    }

    [TestMethod]
    public async Task GetVersion_Manifest_RecordsLineage()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("lineage");
        var job = await Api.TrainIrisAsync(model, token);

        var (_, manifest) = await Api.GetAsync($"api/models/{model}/versions/1", token);

        Assert.AreEqual(job.JobId, manifest.GetProperty("jobId").GetString());
        Assert.AreEqual(42, manifest.GetProperty("split").GetProperty("seed").GetInt32());
        Assert.AreEqual(0.2, manifest.GetProperty("split").GetProperty("testFraction").GetDouble(), 1e-9);
        Assert.IsTrue(manifest.GetProperty("trainer").GetProperty("options").TryGetProperty("numberOfThreads", out _));
        Assert.AreEqual(4, manifest.GetProperty("features").GetArrayLength());
        Assert.IsFalse(string.IsNullOrEmpty(manifest.GetProperty("platformVersion").GetString()));
        Assert.AreEqual(64, manifest.GetProperty("dataset").GetProperty("sha256").GetString()!.Length);
    }

    [TestMethod]
    public async Task ListVersions_BadTokenOrPageSize_Returns400()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("pages");
        await Api.TrainIrisAsync(model, token);

        var (badToken, _) = await Api.GetAsync($"api/models/{model}/versions?continuationToken=garbage!", token);
        var (badSize, _) = await Api.GetAsync($"api/models/{model}/versions?pageSize=0", token);

        Assert.AreEqual(HttpStatusCode.BadRequest, badToken);
        Assert.AreEqual(HttpStatusCode.BadRequest, badSize);
    }
}
