using System.Net;
using System.Text.Json;

namespace AiMaas.IntegrationTests;

/// <summary>Errors users see are problem details that say what is wrong; keys are enforced as in Azure.</summary>
[TestClass]
public sealed class ErrorAndAuthTests
{
    private static string? s_model;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task TrainModelAsync(TestContext context)
    {
        var model = Platform.UniqueName("err");
        var job = await Api.TrainAsync(model, new { csv = SampleData.Read("iris.csv"), label = "species" }, context.CancellationToken);
        Assert.AreEqual(AiMaas.Core.Vocabulary.JobStatus.Succeeded, job.Status, job.Error);
        s_model = model;
    }

    [TestMethod]
    public async Task Predict_UnknownModel_Returns404ProblemDetails()
    {
        using var content = new StringContent("""{"instances":[{}]}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await Platform.Client.PostAsync(new Uri("api/models/no-such-model/predict", UriKind.Relative), content, TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.CancellationToken)).RootElement;
        Assert.AreEqual(404, body.GetProperty("status").GetInt32());
        StringAssert.Contains(body.GetProperty("detail").GetString(), "no-such-model");
    }

    [TestMethod]
    public async Task Predict_UnknownVersion_Returns404()
    {
        var (status, body) = await Api.PostAsync($"api/models/{s_model}/versions/99/predict", """{"instances":[{}]}""", TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.NotFound, status);
        StringAssert.Contains(body.GetProperty("detail").GetString(), "Version 99");
    }

    [TestMethod]
    public async Task Predict_MissingAndMistypedFeatures_Returns400NamingFeatureAndType()
    {
        var (status, body) = await Api.PostAsync(
            $"api/models/{s_model}/predict",
            """{"instances":[{"sepal_length":"long","sepal_width":3.5,"petal_length":1.4}]}""",
            TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        var errors = body.GetProperty("errors");
        StringAssert.Contains(errors.GetProperty("instances[0].sepal_length")[0].GetString(), "expected a number");
        StringAssert.Contains(errors.GetProperty("instances[0].petal_width")[0].GetString(), "missing");
        Assert.IsFalse(body.ToString().Contains("   at ", StringComparison.Ordinal), "a stack trace leaked");
    }

    [TestMethod]
    public async Task Predict_MalformedJson_Returns400()
    {
        var (status, body) = await Api.PostAsync($"api/models/{s_model}/predict", "{\"instances\": [", TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        StringAssert.Contains(body.GetProperty("detail").GetString(), "malformed JSON");
    }

    [TestMethod]
    public async Task GetModel_UnknownModel_Returns404()
    {
        var (status, _) = await Api.GetAsync("api/models/never-trained", TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.NotFound, status);
    }

    [TestMethod]
    public async Task GetJob_UnknownJob_Returns404()
    {
        var (status, _) = await Api.GetAsync("api/jobs/0123456789abcdef", TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.NotFound, status);
    }

    [TestMethod]
    public async Task FunctionEndpoint_WithoutKey_Returns401()
    {
        var (status, _) = await Api.GetAsync("api/models", TestContext.CancellationToken, Platform.AnonymousClient);

        Assert.AreEqual(HttpStatusCode.Unauthorized, status);
    }

    [TestMethod]
    public async Task FunctionEndpoint_WithWrongKey_Returns401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/models");
        request.Headers.Add("x-functions-key", "not-the-key-not-the-key");
        using var response = await Platform.AnonymousClient.SendAsync(request, TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [TestMethod]
    public async Task FunctionEndpoint_WithKeyInCodeParameter_IsAuthorized()
    {
        var (status, body) = await Api.GetAsync($"api/models?code={Platform.HostKey}", TestContext.CancellationToken, Platform.AnonymousClient);

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.IsTrue(body.GetProperty("models").EnumerateArray().Any(m => m.GetProperty("name").GetString() == s_model));
    }

    [TestMethod]
    public async Task Health_IsAnonymousAndReportsStorage()
    {
        var (status, body) = await Api.GetAsync("api/health", TestContext.CancellationToken, Platform.AnonymousClient);

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual("healthy", body.GetProperty("status").GetString());
        Assert.AreEqual("ok", body.GetProperty("checks").GetProperty("blobStorage").GetString());
    }
}
