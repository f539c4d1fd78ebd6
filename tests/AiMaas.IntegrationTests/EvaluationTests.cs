using System.Net;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

/// <summary>The hold-out predictions stored at training, which the dashboard's charts are drawn from.</summary>
[TestClass]
public sealed class EvaluationTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Evaluation_AfterTraining_HoldsEveryHoldOutRowAndAgreesWithTheMetrics()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("eval");
        var job = await Api.TrainIrisAsync(model, token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);

        var (status, evaluation) = await Api.GetAsync($"api/models/{model}/versions/1/evaluation", token);
        var (_, manifest) = await Api.GetAsync($"api/models/{model}/versions/1", token);

        Assert.AreEqual(HttpStatusCode.OK, status, evaluation.ToString());
        var rows = evaluation.GetProperty("rows").GetInt32();
        Assert.AreEqual(manifest.GetProperty("split").GetProperty("testRows").GetInt32(), rows);
        Assert.IsFalse(evaluation.GetProperty("sampled").GetBoolean());
        var actual = evaluation.GetProperty("actualClasses").EnumerateArray().Select(a => a.GetString()).ToArray();
        var predicted = evaluation.GetProperty("predictedClasses").EnumerateArray().Select(a => a.GetString()).ToArray();
        Assert.HasCount(rows, actual);
        var accuracy = actual.Where((a, i) => a == predicted[i]).Count() / (double)rows;
        Assert.AreEqual(manifest.GetProperty("metrics").GetProperty("microAccuracy").GetDouble(), accuracy, 1e-6, "the stored predictions are the ones the metrics were computed from");
        foreach (var probabilities in evaluation.GetProperty("probabilities").EnumerateArray())
        {
            Assert.AreEqual(1.0, probabilities.EnumerateArray().Sum(p => p.GetDouble()), 1e-3);
        }
    }

    [TestMethod]
    public async Task Evaluation_MissingVersion_Is404ProblemDetails()
    {
        var (status, body) = await Api.GetAsync($"api/models/{Platform.UniqueName("none")}/versions/1/evaluation", TestContext.CancellationToken);

        Assert.AreEqual(HttpStatusCode.NotFound, status);
        Assert.AreEqual(404, body.GetProperty("status").GetInt32());
    }
}
