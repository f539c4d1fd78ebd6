using System.Net;

namespace AiMaas.IntegrationTests;

/// <summary>Many simultaneous requests, including the very first ones for a version, all get the same correct answer.</summary>
[TestClass]
public sealed class ConcurrentPredictionTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Predict_FiftyConcurrentRequestsOnAColdVersion_AllSucceedAlike()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("par");
        var job = await Api.TrainAsync(model, new { csv = SampleData.Read("iris.csv"), label = "species" }, token);
        Assert.AreEqual(AiMaas.Core.Vocabulary.JobStatus.Succeeded, job.Status, job.Error);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Api.PostAsync($"api/models/{model}/versions/1/predict", $$"""{"instances":[{{SampleData.IrisInstance}}]}""", token)));

        Assert.IsTrue(responses.All(r => r.Status == HttpStatusCode.OK), string.Join(", ", responses.Select(r => r.Status).Distinct()));
        Assert.HasCount(1, responses.Select(r => r.Body.GetProperty("predictions").GetRawText()).Distinct());
    }
}
