using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

/// <summary>Trainers and their options over HTTP: a clear 400 for what cannot be trained, and the options a job ran with in its manifest.</summary>
[TestClass]
public sealed class TrainerOptionsTests
{
    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    [DataRow("""{"trainer":"svm","task":"regression"}""", "trainer", "'svm' does not train regression models")]
    [DataRow("""{"trainer":"lightGbm","options":{"numberOfTress":10}}""", "options.numberOfTress", "numberOfIterations")]
    [DataRow("""{"trainer":"fastTree","options":{"learningRate":0}}""", "options.learningRate", "a number in (0, 10]")]
    [DataRow("""{"trainer":"fastForest","options":{"numberOfTrees":2.5}}""", "options.numberOfTrees", "an integer from 1 to 5000")]
    [DataRow("""{"trainer":"linear","options":{"l2Regularization":"high"}}""", "options.l2Regularization", "got string")]
    [DataRow("""{"trainer":"linear","options":[1]}""", "options", "expected an object")]
    public async Task Train_TrainerOrOptionsThatCannotBeUsed_Returns400NamingTheField(string fields, string field, string expected)
    {
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(fields)!;
        body["csv"] = JsonSerializer.SerializeToElement(SampleData.Read("iris.csv"));
        body["label"] = JsonSerializer.SerializeToElement("species");

        using var response = await Platform.Client.PostAsJsonAsync(new Uri($"api/models/{Platform.UniqueName("opts")}/train", UriKind.Relative), body, Token);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);

        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, problem.ToString());
        StringAssert.Contains(problem.GetProperty("errors").GetProperty(field)[0].GetString(), expected);
    }

    [TestMethod]
    public async Task Train_InferredTaskTheTrainerDoesNotTrain_FailsTheJobSayingWhich()
    {
        var job = await Api.TrainAsync(Platform.UniqueName("opts"), new { csv = SampleData.Read("iris.csv"), label = "species", trainer = "gradientDescent" }, Token);

        Assert.AreEqual(JobStatus.Failed, job.Status);
        StringAssert.Contains(job.Error, "'gradientDescent' does not train multiclass models");
        Assert.AreEqual(1, job.Attempts);
    }

    [TestMethod]
    public async Task Train_WithOptions_RecordsThemInTheManifest()
    {
        var model = Platform.UniqueName("opts");
        var job = await Api.TrainAsync(model, new { csv = SampleData.Read("iris.csv"), label = "species", trainer = "lightGbm", options = new { numberOfIterations = 25, numberOfLeaves = 8, numberOfThreads = 1 } }, Token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);

        var (_, manifest) = await Api.GetAsync($"api/models/{model}/versions/{job.Version}", Token);

        var trainer = manifest.GetProperty("trainer");
        Assert.AreEqual("LightGbmMulticlass", trainer.GetProperty("name").GetString());
        Assert.AreEqual(25, trainer.GetProperty("options").GetProperty("numberOfIterations").GetDouble());
        Assert.AreEqual(8, trainer.GetProperty("options").GetProperty("numberOfLeaves").GetDouble());
        Assert.AreEqual(1, trainer.GetProperty("options").GetProperty("numberOfThreads").GetDouble());
    }
}
