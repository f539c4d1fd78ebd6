using System.Net;
using System.Text.Json;
using AiMaas.Core.Jobs;
using AiMaas.Core.Storage;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests.Instances;

/// <summary>
/// A storage failure in the middle of writing a version (the fault injector fails the third blob write under the
/// version's folder: its explanations and model zip are stored, its probe and manifest are not): nothing of the half version is visible
/// or served, and the queue's retry publishes exactly one version.
/// </summary>
[TestClass]
public sealed class VersionWriteFaultTests
{
    /// <summary>How long a failed message waits before its retry: long enough to look at the half-written state.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task WriteFailsMidVersion_NothingHalfWrittenIsVisible_RetryPublishesExactlyOne()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("halfway");
        await using var host = await ExtraHost.StartAsync(
            new Dictionary<string, string?>
            {
                [$"{BlobWriteFaultOptions.SectionName}:{nameof(BlobWriteFaultOptions.FailBlobWriteUnder)}"] = $"models/{model}/1/",
                [$"{BlobWriteFaultOptions.SectionName}:{nameof(BlobWriteFaultOptions.FailBlobWriteNumber)}"] = "4",
                ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = RetryAfter.ToString(),
                ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.500",
            },
            token);
        var jobId = Guid.NewGuid().ToString("N");
        var (status, body) = await Api.PostAsync(
            $"api/models/{model}/train", JsonSerializer.Serialize(new { csv = ClusterApi.SmallCsv(5), label = "y", promote = "always", jobId }), token, host.Client);
        Assert.AreEqual(HttpStatusCode.Accepted, status, body.ToString());

        // The first attempt failed after storing the explanations, the evaluation sample and the model zip (the 4th write,
        // the probe, fails); the job waits for its retry.
        var failed = await WaitAsync(host, jobId, j => j.Error is not null || j.IsFinished, token);
        Assert.AreEqual(JobStatus.Queued, failed.Status, failed.Error);
        StringAssert.Contains(failed.Error, "Attempt 1 of");
        var zip = Platform.Container("models").GetBlobClient($"{model}/1/model.zip");
        Assert.IsTrue((await zip.ExistsAsync(token)).Value, "the fault was meant to strike after the model zip was written");

        // Half a version is not a version: not listed, not described, not served by number or alias.
        var (listing, listed) = await Api.GetAsync($"api/models/{model}/versions", token, host.Client);
        Assert.IsTrue(listing == HttpStatusCode.NotFound || listed.GetProperty("versions").GetArrayLength() == 0, $"{listing}: {listed}");
        Assert.AreEqual(HttpStatusCode.NotFound, (await Api.GetAsync($"api/models/{model}/versions/1", token, host.Client)).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await ClusterApi.PredictAsync(host.Client, $"api/models/{model}/versions/1/predict", token)).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await ClusterApi.PredictAsync(host.Client, $"api/models/{model}/predict", token)).Status);

        var finished = await WaitAsync(host, jobId, j => j.IsFinished, token);
        Assert.AreEqual(JobStatus.Succeeded, finished.Status, finished.Error);
        Assert.AreEqual(2, finished.Attempts);
        Assert.AreEqual(1, finished.Version, "the retry publishes the version the first attempt reserved");
        var (_, versions) = await Api.GetAsync($"api/models/{model}/versions", token, host.Client);
        Assert.AreEqual(1, versions.GetProperty("versions").GetArrayLength(), versions.ToString());
        Assert.AreEqual((HttpStatusCode.OK, 1), await ClusterApi.PredictAsync(host.Client, $"api/models/{model}/predict", token));
        var folders = new HashSet<string>();
        await foreach (var blob in Platform.Container("models").GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, model + "/", token))
        {
            folders.Add(blob.Name.Split('/')[1]);
        }

        CollectionAssert.AreEquivalent(new[] { "1", "model.json", "reservations" }, folders.ToArray(), string.Join(", ", folders));
    }

    private static async Task<JobRecord> WaitAsync(ExtraHost host, string jobId, Func<JobRecord, bool> condition, CancellationToken cancellationToken) =>
        (await Poll.UntilAsync(
            async t =>
            {
                using var response = await host.Client.GetAsync(new Uri($"api/jobs/{jobId}", UriKind.Relative), t);
                return response.IsSuccessStatusCode ? await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JobRecord>(response.Content, Platform.Json, t) : null;
            },
            job => job is not null && condition(job),
            TimeSpan.FromMinutes(2),
            $"job {jobId} reaching the expected state",
            cancellationToken))!;
}
