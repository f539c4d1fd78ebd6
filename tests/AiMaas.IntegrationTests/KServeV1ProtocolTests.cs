using System.Net;

namespace AiMaas.IntegrationTests;

/// <summary>KServe V1 / TensorFlow Serving style prediction: {"instances"} in, {"predictions"} out.</summary>
[TestClass]
public sealed class KServeV1ProtocolTests
{
    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task Predict_RegressionObjects_ReturnsAScorePerInstance()
    {
        var (regression, _, _) = await ProtocolModels.GetAsync(Token);
        var (_, expected) = await Api.PostAsync($"api/models/{regression}/predict", $$"""{"instances":[{{ProtocolModels.HousesInstance}}]}""", Token);

        var (status, body) = await Api.PostAsync($"v1/models/{regression}:predict", $$"""{"instances":[{{ProtocolModels.HousesInstance}},{{ProtocolModels.HousesInstance}}]}""", Token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        var predictions = body.GetProperty("predictions").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        Assert.HasCount(2, predictions);
        Assert.AreEqual(expected.GetProperty("predictions")[0].GetProperty("score").GetDouble(), predictions[0]);
    }

    [TestMethod]
    public async Task Predict_PositionalInstances_MapValuesInFeatureOrder()
    {
        var (_, _, multiclass) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.PostAsync($"v1/models/{multiclass}:predict", """{"instances":[[5.1,3.5,1.4,0.2],[6.6,3.0,5.6,2.1]]}""", Token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        var predictions = body.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.AreEqual("setosa", predictions[0].GetProperty("label").GetString());
        Assert.AreEqual("virginica", predictions[1].GetProperty("label").GetString());
        Assert.HasCount(3, predictions[0].GetProperty("probabilities").EnumerateObject().ToArray());
    }

    [TestMethod]
    public async Task Predict_Binary_ReturnsLabelProbabilityAndScoreObjects()
    {
        var (_, binary, _) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.PostAsync($"v1/models/{binary}:predict", $$"""{"instances":[{{ProtocolModels.ChurnInstance}}]}""", Token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        var prediction = body.GetProperty("predictions")[0];
        Assert.IsTrue(prediction.GetProperty("label").GetBoolean());
        Assert.IsTrue(prediction.GetProperty("probability").GetDouble() > 0.5);
        Assert.IsTrue(prediction.TryGetProperty("score", out _));
    }

    [TestMethod]
    public async Task Predict_UnknownModel_Returns404WithErrorShape()
    {
        var (status, body) = await Api.PostAsync("v1/models/no-such-model:predict", """{"instances":[[1]]}""", Token);

        Assert.AreEqual(HttpStatusCode.NotFound, status);
        OpenInferenceProtocolTests.AssertErrorShape(body, "no-such-model");
    }

    [TestMethod]
    [DataRow("""{"instances":[[5.1,3.5]]}""", "expected 4 values", DisplayName = "short positional instance")]
    [DataRow("""{"instances":[{"sepal_length":"long","sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}]}""", "expected a number", DisplayName = "mistyped feature")]
    [DataRow("""{"rows":[]}""", "instances", DisplayName = "no instances")]
    [DataRow("""{"instances":""", "malformed JSON", DisplayName = "malformed JSON")]
    public async Task Predict_InvalidRequest_Returns400WithErrorShape(string request, string expected)
    {
        var (_, _, multiclass) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.PostAsync($"v1/models/{multiclass}:predict", request, Token);

        Assert.AreEqual(HttpStatusCode.BadRequest, status, body.ToString());
        OpenInferenceProtocolTests.AssertErrorShape(body, expected);
    }

    [TestMethod]
    public async Task ModelStatus_UnknownModel_Returns404WithErrorShape()
    {
        var (status, body) = await Api.GetAsync("v1/models/no-such-model", Token);

        Assert.AreEqual(HttpStatusCode.NotFound, status);
        OpenInferenceProtocolTests.AssertErrorShape(body, "no-such-model");
    }

    [TestMethod]
    public async Task Predict_WithoutKey_Returns401()
    {
        var (status, _) = await Api.PostAsync("v1/models/any:predict", "{}", Token, Platform.AnonymousClient);

        Assert.AreEqual(HttpStatusCode.Unauthorized, status);
    }
}
