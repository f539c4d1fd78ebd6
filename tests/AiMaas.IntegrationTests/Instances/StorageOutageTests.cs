using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests.Instances;

/// <summary>
/// Storage stopped for 20 seconds under predict load, on a storage account (Azurite) of the test's own: loaded models
/// keep answering, health says storage is down and then up, and training submitted meanwhile is refused with a 503 or
/// completes once storage is back; nothing is lost or duplicated.
/// </summary>
[TestClass]
public sealed class StorageOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task StorageDown20Seconds_UnderPredictLoad_LoadedModelsAnswerHealthFollowsTrainingIsRefusedOrCompletes()
    {
        var token = TestContext.CancellationToken;
        using var azurite = await AzuriteProcess.StartAsync(token);
        using var cluster = await RuntimeCluster.StartAsync(2, RuntimeCluster.DefaultSettings(azurite.ConnectionString), token, "outage");
        var instances = cluster.Instances;
        var model = Platform.UniqueName("outage");
        Assert.AreEqual(1, await ClusterApi.TrainAsync(instances[0], model, "always", seed: 11, token));
        var path = $"api/models/{model}/predict";
        foreach (var instance in instances)
        {
            await Poll.UntilAsync(t => ClusterApi.PredictAsync(instance, path, t), a => a == (HttpStatusCode.OK, 1), TimeSpan.FromSeconds(30), $"{instance} serving version 1", token);
        }

        var answers = new ConcurrentBag<(TimeSpan At, HttpStatusCode Status)>();
        var clock = Stopwatch.StartNew();
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(token);
        var load = instances.SelectMany(instance => Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stopLoad.IsCancellationRequested)
            {
                answers.Add((clock.Elapsed, (await ClusterApi.PredictAsync(instance, path, CancellationToken.None)).Status));
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None))).ToArray();

        await azurite.StopAsync(token);
        var downAt = clock.Elapsed;
        var unhealthy = await Poll.UntilAsync(t => HealthAsync(instances[0], t), h => h.Status == HttpStatusCode.ServiceUnavailable, Outage, "health reporting storage down", token);
        StringAssert.Contains(unhealthy.Body, "unreachable");

        // Training submitted while storage is down: a clear 503 to retry, or accepted and then completed.
        var submitted = new List<(string JobId, HttpStatusCode Status, string Body)>();
        foreach (var instance in instances)
        {
            var jobId = Guid.NewGuid().ToString("N");
            var (status, body) = await Api.PostAsync(
                path.Replace("/predict", "/train", StringComparison.Ordinal),
                JsonSerializer.Serialize(new { csv = ClusterApi.SmallCsv(20 + submitted.Count), label = "y", promote = "never", jobId }),
                token,
                instance.Client);
            submitted.Add((jobId, status, body.ToString()));
        }

        await Poll.UntilAsync(_ => Task.FromResult(clock.Elapsed - downAt), e => e >= Outage, Outage + TimeSpan.FromSeconds(5), "the outage lasting 20 s", token);
        await azurite.StartAgainAsync(token);
        var upAt = clock.Elapsed;
        await Poll.UntilAsync(t => HealthAsync(instances[0], t), h => h.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "health reporting storage up again", token);
        await Poll.UntilAsync(t => HealthAsync(instances[1], t), h => h.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "health reporting storage up again", token);

        var after = await ClusterApi.TrainAsync(instances[1], model, "never", seed: 30, token);
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);

        var during = answers.Where(a => a.At > downAt && a.At < upAt).ToArray();
        TestContext.WriteLine($"{answers.Count} predictions, {during.Length} during the outage; submissions during it: {string.Join("; ", submitted.Select(s => $"{s.Status} {s.Body}"))}");
        Assert.IsNotEmpty(during, "no prediction was made during the outage");
        Assert.IsTrue(answers.All(a => a.Status == HttpStatusCode.OK), string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{g.Key}: {g.Count()}")));

        var accepted = 0;
        foreach (var (jobId, status, body) in submitted)
        {
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                StringAssert.Contains(body, "Storage unavailable");
                var job = await ClusterApi.GetJobAsync(instances[0], jobId, token);
                Assert.IsTrue(job is null || job.Status == JobStatus.Failed, $"a refused job must not claim to be pending: {job?.Status}");
            }
            else
            {
                Assert.AreEqual(HttpStatusCode.Accepted, status, body);
                var job = await ClusterApi.WaitForJobAsync(instances[0], jobId, token);
                Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
                accepted++;
            }
        }

        // Nothing lost or duplicated: version 1, one per accepted job, and the one trained after the outage.
        Assert.AreEqual(2 + accepted, after, "the version trained after the outage");
        CollectionAssert.AreEqual(Enumerable.Range(1, 2 + accepted).ToArray(), await ClusterApi.VersionNumbersAsync(instances[0], model, token));
    }

    private static async Task<(HttpStatusCode Status, string Body)> HealthAsync(RuntimeProcess instance, CancellationToken cancellationToken)
    {
        using var response = await instance.AnonymousClient.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }
}
