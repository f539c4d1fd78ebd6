using System.Net;
using System.Text;
using System.Text.Json;

namespace AiMaas.IntegrationTests;

/// <summary>Rows per request and body size are limited; beyond them every protocol answers 413 saying which limit.</summary>
[TestClass]
public sealed class RequestLimitTests
{
    private const int MaxBodyBytes = 4096;
    private const int MaxRows = 5;

    private static ExtraHost? s_host;

    public TestContext TestContext { get; set; } = null!;

    private static ExtraHost Host => s_host!;

    private CancellationToken Token => TestContext.CancellationToken;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        s_host = await ExtraHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["AiMaas:MaxRequestBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["AiMaas:MaxInstancesPerRequest"] = MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            context.CancellationToken);
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        if (s_host is not null)
        {
            await s_host.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task ApiPredict_BodyOverLimit_Returns413ProblemDetails()
    {
        var (_, _, multiclass) = await ProtocolModels.GetAsync(Token);

        using var response = await PostAsync($"api/models/{multiclass}/predict", LargeBody());

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        Assert.AreEqual(413, body.GetProperty("status").GetInt32());
        StringAssert.Contains(body.GetProperty("detail").GetString(), $"{MaxBodyBytes} bytes");
    }

    [TestMethod]
    [DataRow("v2/models/{0}/infer")]
    [DataRow("v1/models/{0}:predict")]
    public async Task ProtocolEndpoints_BodyOverLimit_Return413WithErrorShape(string path)
    {
        var (_, _, multiclass) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.PostAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, multiclass), LargeBody(), Token, Host.Client);

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, status);
        OpenInferenceProtocolTests.AssertErrorShape(body, $"{MaxBodyBytes} bytes");
    }

    [TestMethod]
    public async Task ApiPredict_TooManyInstances_Returns413ProblemDetails()
    {
        var (_, _, multiclass) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.PostAsync($"api/models/{multiclass}/predict", Instances(MaxRows + 1), Token, Host.Client);

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, status);
        StringAssert.Contains(body.GetProperty("detail").GetString(), $"limit of {MaxRows}");
    }

    [TestMethod]
    public async Task V1Predict_TooManyInstances_Returns413WithErrorShape()
    {
        var (_, _, multiclass) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.PostAsync($"v1/models/{multiclass}:predict", Instances(MaxRows + 1), Token, Host.Client);

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, status);
        OpenInferenceProtocolTests.AssertErrorShape(body, $"limit of {MaxRows}");
    }

    [TestMethod]
    public async Task V2Infer_TooManyRows_Returns413WithErrorShape()
    {
        var (_, _, multiclass) = await ProtocolModels.GetAsync(Token);
        var rows = MaxRows + 1;
        var data = string.Join(',', Enumerable.Repeat("1.5", rows));
        var inputs = string.Join(',', new[] { "sepal_length", "sepal_width", "petal_length", "petal_width" }
            .Select(name => $$"""{"name":"{{name}}","shape":[{{rows}}],"datatype":"FP32","data":[{{data}}]}"""));

        var (status, body) = await Api.PostAsync($"v2/models/{multiclass}/infer", $$"""{"inputs":[{{inputs}}]}""", Token, Host.Client);

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, status);
        OpenInferenceProtocolTests.AssertErrorShape(body, $"limit of {MaxRows}");
    }

    [TestMethod]
    public async Task ApiPredict_AtTheLimits_Succeeds()
    {
        var (_, _, multiclass) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.PostAsync($"api/models/{multiclass}/predict", Instances(MaxRows), Token, Host.Client);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(MaxRows, body.GetProperty("predictions").GetArrayLength());
    }

    private static string Instances(int count) => $$"""{"instances":[{{string.Join(',', Enumerable.Repeat(SampleData.IrisInstance, count))}}]}""";

    /// <summary>Valid JSON just over the body limit: the limit, not the content, must be what is rejected.</summary>
    private static string LargeBody() => $$"""{"instances":[{{SampleData.IrisInstance}}],"padding":"{{new string('x', MaxBodyBytes)}}"}""";

    private async Task<HttpResponseMessage> PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Host.Client.PostAsync(new Uri(path, UriKind.Relative), content, Token);
    }
}
