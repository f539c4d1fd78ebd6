using System.Net;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Support;

namespace AiMaas.IntegrationTests;

/// <summary>Model readiness reports whether a version is loaded; asking starts the load, so a probe sees it become ready.</summary>
[TestClass]
public sealed class ModelReadinessTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task V2ModelReady_BeforeAndAfterLoading_Returns503Then200()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("ready");
        var job = await Api.TrainAsync(model, new { csv = SampleData.Read("iris.csv"), label = "species" }, token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);

        var (coldStatus, cold) = await Api.GetAsync($"v2/models/{model}/versions/1/ready", token);
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, coldStatus, cold.ToString());
        OpenInferenceProtocolTests.AssertErrorShape(cold, "not loaded");

        var (inferStatus, inferred) = await Api.PostAsync($"v2/models/{model}/versions/1/infer", """
            {"inputs":[
              {"name":"sepal_length","shape":[1],"datatype":"FP32","data":[5.1]},
              {"name":"sepal_width","shape":[1],"datatype":"FP32","data":[3.5]},
              {"name":"petal_length","shape":[1],"datatype":"FP32","data":[1.4]},
              {"name":"petal_width","shape":[1],"datatype":"FP32","data":[0.2]}]}
            """, token);
        Assert.AreEqual(HttpStatusCode.OK, inferStatus, inferred.ToString());

        var (status, body) = await Api.GetAsync($"v2/models/{model}/ready", token);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(model, body.GetProperty("name").GetString());
        Assert.IsTrue(body.GetProperty("ready").GetBoolean());
    }

    [TestMethod]
    public async Task V1ModelStatus_NotLoaded_ReportsNotReadyAndStartsTheLoad()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("status");
        var job = await Api.TrainAsync(model, new { csv = SampleData.Read("iris.csv"), label = "species" }, token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);

        var (status, body) = await Api.GetAsync($"v1/models/{model}", token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(model, body.GetProperty("name").GetString());
        Assert.IsFalse(body.GetProperty("ready").GetBoolean());
        await WaitUntilReadyAsync($"v1/models/{model}", token);
    }

    [TestMethod]
    public async Task V2ModelReady_UnknownVersion_Returns404()
    {
        var (_, _, multiclass) = await ProtocolModels.GetAsync(TestContext.CancellationToken);

        var (status, body) = await Api.GetAsync($"v2/models/{multiclass}/versions/42/ready", TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.NotFound, status);
        OpenInferenceProtocolTests.AssertErrorShape(body, "Version 42");
    }

    /// <summary>Polls a readiness endpoint, as a probe would, until the background load has finished.</summary>
    internal static Task WaitUntilReadyAsync(string path, CancellationToken cancellationToken, HttpClient? client = null) =>
        Eventually.MatchesAsync(
            token => Api.GetAsync(path, token, client),
            answer => answer.Status == HttpStatusCode.OK && (!answer.Body.TryGetProperty("ready", out var ready) || ready.GetBoolean()),
            TimeSpan.FromMinutes(1),
            cancellationToken,
            $"{path} to answer 200 and ready");
}
