using System.Net;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

/// <summary>No version is served unless its bytes match the SHA-256 recorded when it was written.</summary>
[TestClass]
public sealed class IntegrityTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("truncated")]
    [DataRow("replaced")]
    public async Task CorruptArtifact_FailsOnlyThatVersion_AndIsNeverCached(string damage)
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("integrity");
        var healthy = Platform.UniqueName("healthy");
        Assert.AreEqual(JobStatus.Succeeded, (await Api.TrainIrisAsync(model, token)).Status);
        Assert.AreEqual(JobStatus.Succeeded, (await Api.TrainIrisAsync(model, token, promote: "never")).Status);
        Assert.AreEqual(JobStatus.Succeeded, (await Api.TrainIrisAsync(healthy, token)).Status);
        var blob = Platform.Container("models").GetBlobClient($"{model}/1/model.zip");
        var original = (await blob.DownloadContentAsync(token)).Value.Content.ToArray();
        var damaged = damage == "truncated" ? original[..(original.Length / 2)] : original.Reverse().ToArray();
        await blob.UploadAsync(BinaryData.FromBytes(damaged), overwrite: true, token);
        var body = $$"""{"instances":[{{SampleData.IrisInstance}}]}""";

        var (status, problem) = await Api.PostAsync($"api/models/{model}/versions/1/predict", body, token);

        Assert.AreEqual(HttpStatusCode.InternalServerError, status);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "corrupt");
        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{model}/versions/2/predict", body, token)).Status);
        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{healthy}/predict", body, token)).Status);

        await blob.UploadAsync(BinaryData.FromBytes(original), overwrite: true, token);
        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{model}/versions/1/predict", body, token)).Status, "the failed load was cached");
    }
}
