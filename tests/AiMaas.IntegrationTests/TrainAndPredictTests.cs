using System.Net;
using System.Security.Cryptography;
using System.Text;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

[TestClass]
public sealed class TrainAndPredictTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task UploadTrainPredict_OverHttp_ServesTheNewVersion()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("iris");
        var dataset = $"it/{model}/iris.csv";
        var csv = SampleData.Read("iris.csv");
        await Api.PutDatasetAsync(dataset, csv, token);

        var job = await Api.TrainAsync(model, new { dataset, label = "species" }, token);

        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        Assert.AreEqual(1, job.Version);
        Assert.IsTrue(job.Metrics!["macroAccuracy"] > 0.8, $"macro accuracy {job.Metrics["macroAccuracy"]}");
        var (status, body) = await Api.PostAsync(
            $"api/models/{model}/predict",
            $$"""{"instances":[{{SampleData.IrisInstance}},{"sepal_length":6.6,"sepal_width":3.0,"petal_length":5.6,"petal_width":2.1}]}""",
            token);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        Assert.AreEqual(model, body.GetProperty("model").GetString());
        Assert.AreEqual(1, body.GetProperty("version").GetInt32());
        var predictions = body.GetProperty("predictions").EnumerateArray().ToArray();
        Assert.HasCount(2, predictions);
        Assert.AreEqual("setosa", predictions[0].GetProperty("label").GetString());
        Assert.AreEqual("virginica", predictions[1].GetProperty("label").GetString());
        var probabilities = predictions[0].GetProperty("probabilities").EnumerateObject().ToArray();
        Assert.HasCount(3, probabilities);
        Assert.AreEqual(1.0, probabilities.Sum(p => p.Value.GetDouble()), 1e-3);
    }

    [TestMethod]
    public async Task GetVersion_AfterTraining_ReturnsManifestWithSchemaMetricsAndDatasetHash()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("houses");
        var dataset = $"it/{model}.csv";
        var csv = SampleData.Read("houses.csv");
        await Api.PutDatasetAsync(dataset, csv, token);
        var job = await Api.TrainAsync(model, new { dataset, label = "price" }, token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);

        var (status, manifest) = await Api.GetAsync($"api/models/{model}/versions/1", token);

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual("regression", manifest.GetProperty("task").GetString());
        Assert.AreEqual("price", manifest.GetProperty("label").GetString());
        var features = manifest.GetProperty("features").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("type").GetString());
        CollectionAssert.AreEquivalent(new[] { "size_sqm", "bedrooms", "age_years", "neighborhood" }, features.Keys.ToArray());
        Assert.AreEqual("text", features["neighborhood"]);
        Assert.AreEqual("number", features["age_years"]);
        var metrics = manifest.GetProperty("metrics");
        Assert.IsTrue(metrics.GetProperty("rSquared").GetDouble() > 0.8, metrics.ToString());
        Assert.IsTrue(metrics.TryGetProperty("rmse", out _));
        Assert.IsTrue(metrics.TryGetProperty("mae", out _));
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv)));
        Assert.AreEqual(expectedHash, manifest.GetProperty("dataset").GetProperty("sha256").GetString());
        Assert.AreEqual(300, manifest.GetProperty("dataset").GetProperty("rows").GetInt32());
        Assert.AreEqual(job.JobId, manifest.GetProperty("jobId").GetString());
        Assert.AreEqual(64, manifest.GetProperty("artifact").GetProperty("sha256").GetString()!.Length);
        Assert.IsTrue(manifest.GetProperty("artifact").GetProperty("sizeBytes").GetInt64() > 0);

        var (predictStatus, prediction) = await Api.PostAsync(
            $"api/models/{model}/versions/1/predict",
            """{"instances":[{"size_sqm":120,"bedrooms":3,"age_years":null,"neighborhood":"west"}]}""",
            token);
        Assert.AreEqual(HttpStatusCode.OK, predictStatus, prediction.ToString());
        var score = prediction.GetProperty("predictions")[0].GetProperty("score").GetDouble();
        Assert.IsTrue(score is > 200_000 and < 800_000, $"predicted price {score}");
    }

    [TestMethod]
    public async Task TrainBinary_InlineCsv_PredictsLabelProbabilityAndScore()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("churn");
        var csv = string.Join('\n', SampleData.Read("churn.csv").Split('\n').Take(201));

        var job = await Api.TrainAsync(model, new { csv, label = "churned" }, token);

        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        Assert.AreEqual(AiMaas.Core.Vocabulary.TaskKind.Binary, job.Task);
        var (status, body) = await Api.PostAsync(
            $"api/models/{model}/predict",
            """{"instances":[{"tenure_months":2,"monthly_charges":110,"contract":"monthly","support_calls":8}]}""",
            token);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        var prediction = body.GetProperty("predictions")[0];
        Assert.IsTrue(prediction.GetProperty("label").GetBoolean());
        Assert.IsTrue(prediction.GetProperty("probability").GetDouble() > 0.5);
        Assert.IsTrue(prediction.TryGetProperty("score", out _));
    }

    [TestMethod]
    public async Task GetDataset_AfterUpload_DescribesColumnsRowsAndHash()
    {
        var token = TestContext.CancellationToken;
        var name = $"it/{Guid.NewGuid():N}/2026/houses.csv";
        var csv = SampleData.Read("houses.csv");
        await Api.PutDatasetAsync(name, csv, token);

        var (status, body) = await Api.GetAsync($"api/datasets/{name}", token);

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual(name, body.GetProperty("name").GetString());
        Assert.AreEqual(300, body.GetProperty("rows").GetInt32());
        var columns = body.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("type").GetString());
        Assert.AreEqual("number", columns["price"]);
        Assert.AreEqual("text", columns["neighborhood"]);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(csv))), body.GetProperty("sha256").GetString());
    }
}
