using System.Net;
using System.Text.Json;

namespace AiMaas.IntegrationTests;

/// <summary>The Open Inference Protocol (KServe V2) endpoints at the host's root, as off-the-shelf clients call them.</summary>
[TestClass]
public sealed class OpenInferenceProtocolTests
{
    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task Live_Anonymous_Returns200Live()
    {
        var (status, body) = await Api.GetAsync("v2/health/live", Token, Platform.AnonymousClient);

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.IsTrue(body.GetProperty("live").GetBoolean());
    }

    [TestMethod]
    public async Task Ready_Anonymous_Returns200Ready()
    {
        var (status, body) = await Api.GetAsync("v2/health/ready", Token, Platform.AnonymousClient);

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.IsTrue(body.GetProperty("ready").GetBoolean());
    }

    [TestMethod]
    public async Task ServerMetadata_WithKey_ReturnsNameVersionAndExtensions()
    {
        var (status, body) = await Api.GetAsync("v2", Token);

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual("aimaas", body.GetProperty("name").GetString());
        Assert.IsFalse(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        Assert.AreEqual(JsonValueKind.Array, body.GetProperty("extensions").ValueKind);
    }

    [TestMethod]
    public async Task ServerMetadata_WithoutKey_Returns401()
    {
        var (status, _) = await Api.GetAsync("v2", Token, Platform.AnonymousClient);

        Assert.AreEqual(HttpStatusCode.Unauthorized, status);
    }

    [TestMethod]
    public async Task ModelMetadata_Regression_DescribesFeaturesAsTensorsAndTheScoreOutput()
    {
        var (regression, _, _) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.GetAsync($"v2/models/{regression}", Token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(regression, body.GetProperty("name").GetString());
        Assert.AreEqual("mlnet", body.GetProperty("platform").GetString());
        CollectionAssert.AreEqual(new[] { "1" }, body.GetProperty("versions").EnumerateArray().Select(v => v.GetString()).ToArray());
        var inputs = body.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!, i => i);
        CollectionAssert.AreEquivalent(new[] { "size_sqm", "bedrooms", "age_years", "neighborhood" }, inputs.Keys.ToArray());
        Assert.AreEqual("FP32", inputs["size_sqm"].GetProperty("datatype").GetString());
        Assert.AreEqual("BYTES", inputs["neighborhood"].GetProperty("datatype").GetString());
        Assert.AreEqual("[-1]", inputs["size_sqm"].GetProperty("shape").GetRawText());
        var output = body.GetProperty("outputs").EnumerateArray().Single();
        Assert.AreEqual("score", output.GetProperty("name").GetString());
        Assert.AreEqual("FP32", output.GetProperty("datatype").GetString());
        Assert.AreEqual("regression", body.GetProperty("parameters").GetProperty("task").GetString());
    }

    [TestMethod]
    public async Task ModelVersionMetadata_Multiclass_DescribesLabelAndProbabilitiesWithClassOrder()
    {
        var (_, _, multiclass) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.GetAsync($"v2/models/{multiclass}/versions/1", Token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        var outputs = body.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!, o => o);
        Assert.AreEqual("BYTES", outputs["label"].GetProperty("datatype").GetString());
        Assert.AreEqual("FP32", outputs["probabilities"].GetProperty("datatype").GetString());
        Assert.AreEqual("[-1,3]", outputs["probabilities"].GetProperty("shape").GetRawText());
        var classes = JsonSerializer.Deserialize<string[]>(body.GetProperty("parameters").GetProperty("classes").GetString()!)!;
        CollectionAssert.AreEquivalent(new[] { "setosa", "versicolor", "virginica" }, classes);
    }

    [TestMethod]
    public async Task ModelMetadata_Binary_DescribesBoolLabelProbabilityAndScore()
    {
        var (_, binary, _) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.GetAsync($"v2/models/{binary}", Token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        var outputs = body.GetProperty("outputs").EnumerateArray().Select(o => $"{o.GetProperty("name").GetString()}:{o.GetProperty("datatype").GetString()}").ToArray();
        CollectionAssert.AreEqual(new[] { "label:BOOL", "probability:FP32", "score:FP32" }, outputs);
    }

    [TestMethod]
    [DataRow("v2/models/no-such-model")]
    [DataRow("v2/models/no-such-model/versions/1")]
    [DataRow("v2/models/no-such-model/ready")]
    public async Task ModelEndpoints_UnknownModel_Return404WithErrorShape(string path)
    {
        var (status, body) = await Api.GetAsync(path, Token);

        Assert.AreEqual(HttpStatusCode.NotFound, status);
        AssertErrorShape(body, "no-such-model");
    }

    [TestMethod]
    [DataRow("abc")]
    [DataRow("0")]
    [DataRow("99")]
    public async Task ModelVersionMetadata_UnknownVersion_Returns404WithErrorShape(string version)
    {
        var (regression, _, _) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.GetAsync($"v2/models/{regression}/versions/{version}", Token);

        Assert.AreEqual(HttpStatusCode.NotFound, status);
        AssertErrorShape(body, version);
    }

    [TestMethod]
    public async Task Infer_Regression_ReturnsScoreTensorAndEchoesTheId()
    {
        var (regression, _, _) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.PostAsync($"v2/models/{regression}/infer", """
            {"id":"req-42","inputs":[
              {"name":"size_sqm","shape":[2],"datatype":"FP32","data":[120,60]},
              {"name":"bedrooms","shape":[2],"datatype":"INT64","data":[3,1]},
              {"name":"age_years","shape":[2],"datatype":"FP32","data":[null,10]},
              {"name":"neighborhood","shape":[2],"datatype":"BYTES","data":["west","south"]}]}
            """, Token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(regression, body.GetProperty("model_name").GetString());
        Assert.AreEqual("1", body.GetProperty("model_version").GetString());
        Assert.AreEqual("req-42", body.GetProperty("id").GetString());
        var score = body.GetProperty("outputs").EnumerateArray().Single();
        Assert.AreEqual("score", score.GetProperty("name").GetString());
        Assert.AreEqual("FP32", score.GetProperty("datatype").GetString());
        Assert.AreEqual("[2]", score.GetProperty("shape").GetRawText());
        var scores = score.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.IsTrue(scores[0] is > 200_000 and < 800_000, $"predicted price {scores[0]}");
        Assert.IsTrue(scores[1] < scores[0], "a smaller, newer flat in the south is cheaper");
    }

    [TestMethod]
    public async Task Infer_SameRowAsApiPredict_ReturnsTheSameValues()
    {
        var (regression, _, _) = await ProtocolModels.GetAsync(Token);
        var (_, predicted) = await Api.PostAsync($"api/models/{regression}/predict", $$"""{"instances":[{{ProtocolModels.HousesInstance}}]}""", Token);

        var (status, body) = await Api.PostAsync($"v2/models/{regression}/versions/1/infer", """
            {"inputs":[
              {"name":"size_sqm","shape":[1,1],"datatype":"FP32","data":[[120]]},
              {"name":"bedrooms","shape":[1,1],"datatype":"FP32","data":[[3]]},
              {"name":"age_years","shape":[1,1],"datatype":"FP32","data":[[null]]},
              {"name":"neighborhood","shape":[1,1],"datatype":"BYTES","data":[["west"]]}]}
            """, Token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.IsFalse(body.TryGetProperty("id", out _), "no id was sent, so none is echoed");
        Assert.AreEqual(
            predicted.GetProperty("predictions")[0].GetProperty("score").GetDouble(),
            body.GetProperty("outputs")[0].GetProperty("data")[0].GetDouble());
    }

    [TestMethod]
    public async Task Infer_Binary_ReturnsBoolLabelProbabilityAndScore()
    {
        var (_, binary, _) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.PostAsync($"v2/models/{binary}/infer", """
            {"inputs":[
              {"name":"tenure_months","shape":[1],"datatype":"FP32","data":[2]},
              {"name":"monthly_charges","shape":[1],"datatype":"FP64","data":[110]},
              {"name":"contract","shape":[1],"datatype":"BYTES","data":["monthly"]},
              {"name":"support_calls","shape":[1],"datatype":"INT32","data":[8]}]}
            """, Token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        var outputs = body.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!, o => o);
        Assert.AreEqual("BOOL", outputs["label"].GetProperty("datatype").GetString());
        Assert.IsTrue(outputs["label"].GetProperty("data")[0].GetBoolean());
        Assert.IsTrue(outputs["probability"].GetProperty("data")[0].GetDouble() > 0.5);
        Assert.AreEqual("FP32", outputs["score"].GetProperty("datatype").GetString());
    }

    [TestMethod]
    public async Task Infer_Multiclass_ReturnsLabelsAndARowMajorProbabilityMatrix()
    {
        var (_, _, multiclass) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.PostAsync($"v2/models/{multiclass}/infer", """
            {"inputs":[
              {"name":"sepal_length","shape":[2],"datatype":"FP32","data":[5.1,6.6]},
              {"name":"sepal_width","shape":[2],"datatype":"FP32","data":[3.5,3.0]},
              {"name":"petal_length","shape":[2],"datatype":"FP32","data":[1.4,5.6]},
              {"name":"petal_width","shape":[2],"datatype":"FP32","data":[0.2,2.1]}]}
            """, Token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        var outputs = body.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!, o => o);
        CollectionAssert.AreEqual(new[] { "setosa", "virginica" }, outputs["label"].GetProperty("data").EnumerateArray().Select(v => v.GetString()).ToArray());
        var probabilities = outputs["probabilities"];
        Assert.AreEqual("[2,3]", probabilities.GetProperty("shape").GetRawText());
        var data = probabilities.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.HasCount(6, data);
        Assert.AreEqual(1.0, data[..3].Sum(), 1e-3);
        Assert.AreEqual(1.0, data[3..].Sum(), 1e-3);
        var classes = JsonSerializer.Deserialize<string[]>(probabilities.GetProperty("parameters").GetProperty("classes").GetString()!)!;
        Assert.AreEqual("setosa", classes[Array.IndexOf(data[..3], data[..3].Max())]);
    }

    [TestMethod]
    public async Task Infer_RequestedOutputs_ReturnsOnlyThose()
    {
        var (_, binary, _) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.PostAsync($"v2/models/{binary}/infer", """
            {"inputs":[
              {"name":"tenure_months","shape":[1],"datatype":"FP32","data":[2]},
              {"name":"monthly_charges","shape":[1],"datatype":"FP32","data":[110]},
              {"name":"contract","shape":[1],"datatype":"BYTES","data":["monthly"]},
              {"name":"support_calls","shape":[1],"datatype":"FP32","data":[8]}],
             "outputs":[{"name":"probability"}]}
            """, Token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual("probability", body.GetProperty("outputs").EnumerateArray().Single().GetProperty("name").GetString());
    }

    [TestMethod]
    public async Task Infer_UnknownModel_Returns404WithErrorShape()
    {
        var (status, body) = await Api.PostAsync("v2/models/no-such-model/infer", """{"inputs":[{"name":"x","shape":[1],"datatype":"FP32","data":[1]}]}""", Token);

        Assert.AreEqual(HttpStatusCode.NotFound, status);
        AssertErrorShape(body, "no-such-model");
    }

    [TestMethod]
    [DataRow("""{"inputs":[""", "malformed JSON", DisplayName = "malformed JSON")]
    [DataRow("""{"instances":[]}""", "inputs", DisplayName = "no inputs")]
    [DataRow("""{"inputs":[{"name":"sepal_length","shape":[1],"datatype":"FP32","data":[5.1]}]}""", "petal_width", DisplayName = "missing input")]
    [DataRow("""{"inputs":[{"name":"sepal_length","shape":[1],"datatype":"BYTES","data":["x"]},{"name":"sepal_width","shape":[1],"datatype":"FP32","data":[3.5]},{"name":"petal_length","shape":[1],"datatype":"FP32","data":[1.4]},{"name":"petal_width","shape":[1],"datatype":"FP32","data":[0.2]}]}""", "expected datatype FP32", DisplayName = "wrong datatype")]
    [DataRow("""{"inputs":[{"name":"sepal_length","shape":[2],"datatype":"FP32","data":[5.1,1]},{"name":"sepal_width","shape":[1],"datatype":"FP32","data":[3.5]},{"name":"petal_length","shape":[1],"datatype":"FP32","data":[1.4]},{"name":"petal_width","shape":[1],"datatype":"FP32","data":[0.2]}]}""", "rows", DisplayName = "batch mismatch")]
    [DataRow("""{"inputs":[{"name":"sepal_length","shape":[2],"datatype":"FP32","data":[5.1]},{"name":"sepal_width","shape":[2],"datatype":"FP32","data":[3.5,1]},{"name":"petal_length","shape":[2],"datatype":"FP32","data":[1.4,1]},{"name":"petal_width","shape":[2],"datatype":"FP32","data":[0.2,1]}]}""", "expected 2 values", DisplayName = "data shorter than shape")]
    [DataRow("""{"inputs":[{"name":"sepal_length","shape":[1,2],"datatype":"FP32","data":[5.1,1]}]}""", "expected shape", DisplayName = "wrong shape")]
    [DataRow("""{"inputs":[{"name":"colour","shape":[1],"datatype":"BYTES","data":["red"]}]}""", "unknown input 'colour'", DisplayName = "unknown input")]
    [DataRow("""{"inputs":[{"name":"sepal_length","shape":[1],"datatype":"FP32","data":["long"]},{"name":"sepal_width","shape":[1],"datatype":"FP32","data":[3.5]},{"name":"petal_length","shape":[1],"datatype":"FP32","data":[1.4]},{"name":"petal_width","shape":[1],"datatype":"FP32","data":[0.2]}]}""", "expected a number", DisplayName = "string in FP32 data")]
    [DataRow("""{"inputs":[{"name":"sepal_length","shape":[1],"datatype":"FP32","data":[5.1]},{"name":"sepal_width","shape":[1],"datatype":"FP32","data":[3.5]},{"name":"petal_length","shape":[1],"datatype":"FP32","data":[1.4]},{"name":"petal_width","shape":[1],"datatype":"FP32","data":[0.2]}],"outputs":[{"name":"colour"}]}""", "unknown output", DisplayName = "unknown output")]
    public async Task Infer_InvalidRequest_Returns400WithErrorShapeSayingWhy(string request, string expected)
    {
        var (_, _, multiclass) = await ProtocolModels.GetAsync(Token);

        var (status, body) = await Api.PostAsync($"v2/models/{multiclass}/infer", request, Token);

        Assert.AreEqual(HttpStatusCode.BadRequest, status, body.ToString());
        AssertErrorShape(body, expected);
    }

    [TestMethod]
    public async Task Infer_WithoutKey_Returns401()
    {
        var (status, _) = await Api.PostAsync("v2/models/any/infer", "{}", Token, Platform.AnonymousClient);

        Assert.AreEqual(HttpStatusCode.Unauthorized, status);
    }

    internal static void AssertErrorShape(JsonElement body, string expected)
    {
        Assert.AreEqual(JsonValueKind.Object, body.ValueKind);
        var properties = body.EnumerateObject().Select(p => p.Name).ToArray();
        CollectionAssert.AreEqual(new[] { "error" }, properties, body.ToString());
        StringAssert.Contains(body.GetProperty("error").GetString(), expected);
    }
}
