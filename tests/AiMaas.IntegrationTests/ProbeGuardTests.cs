using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

/// <summary>
/// Every version stores probe rows with the model's own outputs beside its manifest; a load whose serving path answers
/// them differently is refused with a 500 "Model output mismatch" naming the version, and other versions keep serving.
/// </summary>
[TestClass]
public sealed class ProbeGuardTests
{
    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task Train_StoresProbeRowsBesideTheManifest()
    {
        var model = Platform.UniqueName("probe");
        var job = await Api.TrainIrisAsync(model, Token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);

        var (status, manifest) = await Api.GetAsync($"api/models/{model}/versions/1", Token);

        Assert.AreEqual(HttpStatusCode.OK, status, manifest.ToString());
        var probe = manifest.GetProperty("probe");
        Assert.AreEqual($"{model}/1/probe.json", probe.GetProperty("path").GetString());
        Assert.AreEqual(18, probe.GetProperty("rows").GetInt32(), "16 held-out rows, one with every value missing, one with an unseen category");
        var stored = await Platform.Container("models").GetBlobClient($"{model}/1/probe.json").DownloadContentAsync(Token);
        Assert.AreEqual(probe.GetProperty("sha256").GetString(), ContentHashOf(stored.Value.Content.ToArray()));
    }

    [TestMethod]
    public async Task Predict_ServingPathDisagreesWithTheRecordedOutputs_Returns500AndOtherVersionsServe()
    {
        var model = Platform.UniqueName("probe-mismatch");
        Assert.AreEqual(JobStatus.Succeeded, (await Api.TrainIrisAsync(model, Token)).Status);
        Assert.AreEqual(JobStatus.Succeeded, (await Api.TrainIrisAsync(model, Token, promote: "never")).Status);
        var original = await TamperWithProbeAsync(model, version: 1);

        var (status, problem) = await Api.PostAsync($"api/models/{model}/versions/1/predict", Iris, Token);
        var (otherStatus, other) = await Api.PostAsync($"api/models/{model}/versions/2/predict", Iris, Token);

        Assert.AreEqual(HttpStatusCode.InternalServerError, status, problem.ToString());
        Assert.AreEqual("Model output mismatch", problem.GetProperty("title").GetString());
        StringAssert.Contains(problem.GetProperty("detail").GetString(), $"Version 1 of model '{model}'");
        Assert.AreEqual(HttpStatusCode.OK, otherStatus, other.ToString());

        await RestoreAsync(model, 1, original);
        var (restored, body) = await Api.PostAsync($"api/models/{model}/versions/1/predict", Iris, Token);
        Assert.AreEqual(HttpStatusCode.OK, restored, "a refused load is not cached: " + body);
    }

    private const string Iris = """{"instances":[{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}]}""";

    /// <summary>Moves every recorded probability towards a half and rewrites the manifest's SHA-256 to match, as a serving path that computes differently would look.</summary>
    private async Task<(BinaryData Probe, BinaryData Manifest)> TamperWithProbeAsync(string model, int version)
    {
        var container = Platform.Container("models");
        var probeBlob = container.GetBlobClient($"{model}/{version}/probe.json");
        var manifestBlob = container.GetBlobClient($"{model}/{version}/manifest.json");
        var probe = (await probeBlob.DownloadContentAsync(Token)).Value.Content;
        var manifest = (await manifestBlob.DownloadContentAsync(Token)).Value.Content;

        var tampered = JsonNode.Parse(probe.ToString())!;
        var probabilities = tampered["expected"]!["probabilities"]!.AsArray();
        for (var i = 0; i < probabilities.Count; i++)
        {
            probabilities[i] = (probabilities[i]!.GetValue<double>() * 0.5) + 0.25;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(tampered);
        var newManifest = JsonNode.Parse(manifest.ToString())!;
        newManifest["probe"]!["sha256"] = ContentHashOf(bytes);
        await probeBlob.UploadAsync(BinaryData.FromBytes(bytes), overwrite: true, Token);
        await manifestBlob.UploadAsync(BinaryData.FromString(newManifest.ToJsonString()), overwrite: true, Token);
        return (probe, manifest);
    }

    private async Task RestoreAsync(string model, int version, (BinaryData Probe, BinaryData Manifest) original)
    {
        var container = Platform.Container("models");
        await container.GetBlobClient($"{model}/{version}/probe.json").UploadAsync(original.Probe, overwrite: true, Token);
        await container.GetBlobClient($"{model}/{version}/manifest.json").UploadAsync(original.Manifest, overwrite: true, Token);
    }

    private static string ContentHashOf(byte[] bytes) => AiMaas.Core.Data.ContentHash.Sha256(bytes);
}
