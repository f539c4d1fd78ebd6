using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

/// <summary>
/// Explanations through the running app: a model trained on the queue path explains its predictions on every route
/// (current, version, alias, KServe V1 and the V2 extension), each adding up to its raw score, and its manifest shows the
/// permutation feature importance; an uploaded model is explained by sampling, marked approximate.
/// </summary>
[TestClass]
public sealed class ExplanationTests
{
    private const string Houses = """{"instances":[{"size_sqm":120,"bedrooms":3,"age_years":null,"neighborhood":"west"},{"size_sqm":64,"bedrooms":1,"age_years":12,"neighborhood":"atlantis"}]}""";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("fastTree", "treeShap")]
    [DataRow("linear", "linear")]
    public async Task Explain_TrainedRegression_AddsUpToThePredictionOnEveryRoute(string trainer, string method)
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("explain");
        var dataset = $"it/{model}.csv";
        await Api.PutDatasetAsync(dataset, SampleData.Read("houses.csv"), token);
        var job = await Api.TrainAsync(model, new { dataset, label = "price", trainer, promote = "always" }, token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        var (_, predicted) = await Api.PostAsync($"api/models/{model}/predict", Houses, token);

        foreach (var route in new[] { $"api/models/{model}/explain", $"api/models/{model}/versions/1/explain", $"api/models/{model}/aliases/current/explain" })
        {
            var (status, body) = await Api.PostAsync(route, Houses, token);

            Assert.AreEqual(HttpStatusCode.OK, status, $"{route}: {body}");
            Assert.AreEqual(1, body.GetProperty("version").GetInt32());
            Assert.AreEqual("rawScore", body.GetProperty("output").GetString());
            var explanations = body.GetProperty("explanations").EnumerateArray().ToArray();
            Assert.HasCount(2, explanations);
            for (var i = 0; i < explanations.Length; i++)
            {
                var explanation = explanations[i];
                Assert.AreEqual(method, explanation.GetProperty("method").GetString());
                var score = predicted.GetProperty("predictions")[i].GetProperty("score").GetDouble();
                Assert.AreEqual(score, explanation.GetProperty("prediction").GetProperty("score").GetDouble(), "the prediction is predict's");
                AssertAddsUp(explanation, score, ["size_sqm", "bedrooms", "age_years", "neighborhood"]);
            }
        }

        var (v1Status, v1) = await Api.PostAsync($"v1/models/{model}:explain", """{"instances":[[120,3,null,"west"]]}""", token);
        Assert.AreEqual(HttpStatusCode.OK, v1Status, v1.ToString());
        AssertAddsUp(v1.GetProperty("explanations")[0], predicted.GetProperty("predictions")[0].GetProperty("score").GetDouble(), ["size_sqm", "bedrooms", "age_years", "neighborhood"]);

        var (v2Status, v2) = await Api.PostAsync(
            $"v2/models/{model}/versions/1/explain",
            """
            {"id":"e-1","inputs":[
              {"name":"size_sqm","shape":[1],"datatype":"FP32","data":[120]},
              {"name":"bedrooms","shape":[1],"datatype":"FP32","data":[3]},
              {"name":"age_years","shape":[1],"datatype":"FP32","data":[null]},
              {"name":"neighborhood","shape":[1],"datatype":"BYTES","data":["west"]}]}
            """,
            token);
        Assert.AreEqual(HttpStatusCode.OK, v2Status, v2.ToString());
        Assert.AreEqual("e-1", v2.GetProperty("id").GetString());
        Assert.AreEqual(model, v2.GetProperty("model_name").GetString());
        AssertAddsUp(v2.GetProperty("explanations")[0], predicted.GetProperty("predictions")[0].GetProperty("score").GetDouble(), ["size_sqm", "bedrooms", "age_years", "neighborhood"]);

        var (_, manifest) = await Api.GetAsync($"api/models/{model}/versions/1", token);
        var importance = manifest.GetProperty("explanations").GetProperty("featureImportance");
        Assert.AreEqual("rSquared", importance.GetProperty("metric").GetString());
        var columns = importance.GetProperty("columns").EnumerateArray().ToArray();
        CollectionAssert.AreEquivalent(new[] { "size_sqm", "bedrooms", "age_years", "neighborhood" }, columns.Select(c => c.GetProperty("column").GetString()).ToArray());
        var values = columns.Select(c => c.GetProperty("importance").GetDouble()).ToArray();
        CollectionAssert.AreEqual(values.OrderByDescending(v => v).ToArray(), values, "sorted, most important first");
        Assert.IsTrue(columns.All(c => c.TryGetProperty("standardDeviation", out _)));
        Assert.AreEqual("size_sqm", columns[0].GetProperty("column").GetString(), "the price follows the size");
        Assert.IsTrue(manifest.GetProperty("explanations").GetProperty("background").GetProperty("rows").GetInt32() > 0);
    }

    [TestMethod]
    public async Task Explain_TrainedMulticlass_ExplainsEveryClass()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("explain-iris");
        var job = await Api.TrainIrisAsync(model, token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);

        var (status, body) = await Api.PostAsync($"api/models/{model}/explain", $$"""{"instances":[{{SampleData.IrisInstance}}]}""", token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        var explanation = body.GetProperty("explanations")[0];
        Assert.AreEqual("linear", explanation.GetProperty("method").GetString());
        Assert.AreEqual("setosa", explanation.GetProperty("prediction").GetProperty("label").GetString());
        var classes = explanation.GetProperty("contributions").EnumerateObject().Select(p => p.Name).ToArray();
        CollectionAssert.AreEquivalent(new[] { "setosa", "versicolor", "virginica" }, classes);
        foreach (var name in classes)
        {
            var total = explanation.GetProperty("baseValue").GetProperty(name).GetDouble()
                + explanation.GetProperty("contributions").GetProperty(name).EnumerateObject().Sum(p => p.Value.GetDouble());
            Assert.AreEqual(explanation.GetProperty("rawScore").GetProperty(name).GetDouble(), total, 1e-4, name);
        }
    }

    [TestMethod]
    public async Task Explain_UploadedModel_IsApproximateAndAddsUp()
    {
        var token = TestContext.CancellationToken;
        var source = Platform.UniqueName("explain-src");
        var dataset = $"it/{source}.csv";
        await Api.PutDatasetAsync(dataset, SampleData.Read("houses.csv"), token);
        var job = await Api.TrainAsync(source, new { dataset, label = "price", trainer = "fastTree" }, token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        var zip = (await Platform.Container("models").GetBlobClient($"{source}/1/model.zip").DownloadContentAsync(token)).Value.Content.ToArray();
        var model = Platform.UniqueName("explain-up");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "model", "model.zip");
        form.Add(new StringContent("""{"label":"price","promote":"always"}""", System.Text.Encoding.UTF8, "application/json"), "metadata");
        using (var upload = await Platform.Client.PostAsync(new Uri($"api/models/{model}/versions", UriKind.Relative), form, token))
        {
            Assert.AreEqual(HttpStatusCode.Created, upload.StatusCode, await upload.Content.ReadAsStringAsync(token));
        }

        var (_, predicted) = await Api.PostAsync($"api/models/{model}/predict", Houses, token);
        var (status, body) = await Api.PostAsync($"api/models/{model}/explain", Houses, token);

        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        for (var i = 0; i < 2; i++)
        {
            var explanation = body.GetProperty("explanations")[i];
            Assert.AreEqual("approximate", explanation.GetProperty("method").GetString());
            AssertAddsUp(explanation, predicted.GetProperty("predictions")[i].GetProperty("score").GetDouble(), ["size_sqm", "bedrooms", "age_years", "neighborhood"]);
        }
    }

    [TestMethod]
    public async Task Explain_BadInstances_AnswersProblemsNamingTheField()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("explain-bad");
        var job = await Api.TrainIrisAsync(model, token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);

        var (status, problem) = await Api.PostAsync($"api/models/{model}/explain", """{"instances":[{"sepal_length":"x"}]}""", token);
        var (missing, _) = await Api.PostAsync($"api/models/{Platform.UniqueName("nope")}/explain", $$"""{"instances":[{{SampleData.IrisInstance}}]}""", token);

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "instances[0].sepal_length");
        Assert.AreEqual(HttpStatusCode.NotFound, missing);
    }

    /// <summary>baseValue + Σ contributions = rawScore = the served score (a float), with one contribution per input column.</summary>
    private static void AssertAddsUp(JsonElement explanation, double score, string[] columns)
    {
        var contributions = explanation.GetProperty("contributions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        CollectionAssert.AreEquivalent(columns, contributions.Keys.ToArray());
        var raw = explanation.GetProperty("rawScore").GetDouble();
        var total = explanation.GetProperty("baseValue").GetDouble() + contributions.Values.Sum();
        Assert.AreEqual(raw, total, 1e-4 * Math.Max(1, Math.Abs(raw)), explanation.ToString());
        Assert.AreEqual(score, raw, 1e-5 * Math.Max(1, Math.Abs(score)), "the raw score is the model's score");
    }
}
