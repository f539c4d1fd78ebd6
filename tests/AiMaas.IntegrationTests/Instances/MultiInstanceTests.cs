using System.Diagnostics;
using System.Net;
using System.Text.Json;
using AiMaas.Core.Vocabulary;
using Azure.Storage.Queues;

namespace AiMaas.IntegrationTests.Instances;

/// <summary>
/// Three instances, each its own process, against one storage account: the guarantees shown inside one process hold
/// across instances too (exactly-once jobs, contiguous versions, the alias propagation bound, deletes).
/// </summary>
[TestClass]
public sealed class MultiInstanceTests
{
    /// <summary>The README's bound is the alias cache duration plus the time to load the new version; loading a small model takes milliseconds, the rest is a busy 2-core machine.</summary>
    private static readonly TimeSpan LoadAllowance = TimeSpan.FromSeconds(3);

    private static RuntimeCluster s_cluster = null!;

    public TestContext TestContext { get; set; } = null!;

    private static IReadOnlyList<RuntimeProcess> Instances => s_cluster.Instances;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context) =>
        s_cluster = await RuntimeCluster.StartAsync(3, RuntimeCluster.DefaultSettings(Platform.StorageConnectionString), context.CancellationToken, "multi");

    [ClassCleanup]
    public static void Stop() => s_cluster?.Dispose();

    [TestMethod]
    public async Task ThirtyJobs_ThroughEveryInstanceAndTheQueue_EachRunsOnceWithContiguousVersions()
    {
        var token = TestContext.CancellationToken;
        var models = Enumerable.Range(0, 5).Select(i => Platform.UniqueName($"many{i}")).ToArray();
        var queue = new QueueClient(Platform.StorageConnectionString, s_cluster.TrainingQueueName);
        var submissions = Enumerable.Range(0, 30).Select(async i =>
        {
            var model = models[i % models.Length];
            var jobId = $"many-{i}-{Guid.NewGuid():N}";
            var request = new { model, csv = ClusterApi.SmallCsv(i), label = "y", promote = "never", jobId };
            if (i % 4 == 3)
            {
                // Straight onto the queue, as `az storage message put` would (host.json: messageEncoding none).
                await queue.SendMessageAsync(JsonSerializer.Serialize(request), token);
            }
            else
            {
                await ClusterApi.SubmitAsync(Instances[i % Instances.Count], model, request, token);
            }

            return (Model: model, JobId: jobId, Reader: Instances[(i + 1) % Instances.Count]);
        }).ToArray();
        var submitted = await Task.WhenAll(submissions);

        var finished = await Task.WhenAll(submitted.Select(s => ClusterApi.WaitForJobAsync(s.Reader, s.JobId, token, TimeSpan.FromMinutes(8))));

        foreach (var job in finished)
        {
            Assert.AreEqual(JobStatus.Succeeded, job.Status, $"{job.JobId}: {job.Error}");
            Assert.AreEqual(1, job.Attempts, $"{job.JobId} ran {job.Attempts} times");
            Assert.IsNotNull(job.Version);
        }

        foreach (var model in models)
        {
            var fromJobs = finished.Where(j => j.Model == model).Select(j => j.Version!.Value).Order().ToArray();
            CollectionAssert.AreEqual(Enumerable.Range(1, 6).ToArray(), fromJobs, $"{model}: versions from its jobs {string.Join(",", fromJobs)}");
            foreach (var instance in Instances)
            {
                CollectionAssert.AreEqual(fromJobs, await ClusterApi.VersionNumbersAsync(instance, model, token), $"{model} as listed by {instance}");
            }
        }

        // Nothing left behind: every message was settled, none went to the poison queue.
        await Poll.UntilAsync(
            async t => (await queue.PeekMessagesAsync(32, t)).Value.Length,
            left => left == 0,
            TimeSpan.FromSeconds(30),
            "the training queue emptying",
            token);
        var poison = new QueueClient(Platform.StorageConnectionString, s_cluster.TrainingQueueName + "-poison");
        Assert.IsTrue(!(await poison.ExistsAsync(token)).Value || (await poison.PeekMessagesAsync(32, token)).Value.Length == 0, "messages in the poison queue");
    }

    [TestMethod]
    public async Task MoveAlias_ThroughOneInstance_EveryInstanceServesItWithinTheBound()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("flip");
        // Trained beside the cluster (the in-process runtime's own queue), so that this test never waits behind the 30 jobs.
        Assert.AreEqual(1, await TrainAsync(model, "always", seed: 1, token));
        Assert.AreEqual(2, await TrainAsync(model, "never", seed: 2, token));
        var path = $"api/models/{model}/aliases/current/predict";
        foreach (var instance in Instances)
        {
            await Poll.UntilAsync(t => ClusterApi.PredictAsync(instance, path, t), a => a == (HttpStatusCode.OK, 1), TimeSpan.FromSeconds(30), $"{instance} serving version 1", token);
        }

        var clock = Stopwatch.StartNew();
        var (moved, body, _) = await SendAsync(Instances[1], HttpMethod.Put, $"api/models/{model}/aliases/current", """{"version":2}""", token);
        Assert.AreEqual(HttpStatusCode.OK, moved, body.ToString());
        var movedAt = clock.Elapsed;

        // Judged by when the last stale answer's request *started*: the bound is on what an instance serves, and a
        // request that is slow to answer on a loaded machine says nothing about how long its cache was stale.
        var switched = await Task.WhenAll(Instances.Select(async instance =>
        {
            var answers = new List<(TimeSpan Started, HttpStatusCode Status, int Version)>();
            await Poll.UntilAsync(
                async t =>
                {
                    var started = clock.Elapsed - movedAt;
                    var answer = await ClusterApi.PredictAsync(instance, path, t);
                    answers.Add((started, answer.Status, answer.Version));
                    return answer;
                },
                a => a.Version == 2,
                TimeSpan.FromSeconds(30),
                $"{instance} serving version 2",
                token);
            var lastStale = answers.Where(a => a.Version == 1).Select(a => a.Started).DefaultIfEmpty(TimeSpan.Zero).Max();
            return (Instance: instance, LastStale: lastStale, Failures: answers.Count(a => a.Status != HttpStatusCode.OK));
        }));

        var bound = RuntimeCluster.AliasCacheDuration + LoadAllowance;
        foreach (var (instance, lastStale, failures) in switched)
        {
            TestContext.WriteLine($"{instance}: the last request answered from version 1 started {lastStale.TotalMilliseconds:F0} ms after the move");
            Assert.AreEqual(0, failures, $"{instance} failed requests during the switch");
            Assert.IsTrue(lastStale <= bound, $"{instance} still served version 1 to a request started {lastStale} after the move, beyond the bound {bound}");
        }
    }

    [TestMethod]
    public async Task DeleteVersion_ThroughOneInstance_NoInstanceServesItThroughAnAliasWithinTheBound()
    {
        var token = TestContext.CancellationToken;
        var model = Platform.UniqueName("gone");
        Assert.AreEqual(1, await TrainAsync(model, "never", seed: 3, token));
        Assert.AreEqual(2, await TrainAsync(model, "never", seed: 4, token));
        var (status, body, _) = await SendAsync(Instances[0], HttpMethod.Put, $"api/models/{model}/aliases/staging", """{"version":1}""", token);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        var path = $"api/models/{model}/aliases/staging/predict";
        foreach (var instance in Instances)
        {
            await Poll.UntilAsync(t => ClusterApi.PredictAsync(instance, path, t), a => a == (HttpStatusCode.OK, 1), TimeSpan.FromSeconds(30), $"{instance} serving version 1 through staging", token);
        }

        // Through a third instance: staging moves off version 1, then version 1 is deleted.
        (status, body, _) = await SendAsync(Instances[2], HttpMethod.Put, $"api/models/{model}/aliases/staging", """{"version":2}""", token);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        (status, body, _) = await SendAsync(Instances[2], HttpMethod.Delete, $"api/models/{model}/versions/1", null, token);
        Assert.AreEqual(HttpStatusCode.NoContent, status, body.ToString());
        var deletedAt = Stopwatch.StartNew();

        var bound = RuntimeCluster.AliasCacheDuration + LoadAllowance;
        foreach (var instance in Instances)
        {
            await Poll.UntilAsync(t => ClusterApi.PredictAsync(instance, path, t), a => a == (HttpStatusCode.OK, 2), bound, $"{instance} serving version 2 through staging", token);
        }

        // Past the bound, no instance answers from version 1 through the alias, and none lists or describes it.
        await Poll.UntilAsync(_ => Task.FromResult(deletedAt.Elapsed), e => e > bound, bound + TimeSpan.FromSeconds(5), "the bound passing", token);
        foreach (var instance in Instances)
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.AreEqual((HttpStatusCode.OK, 2), await ClusterApi.PredictAsync(instance, path, token), $"{instance} through staging");
            }

            CollectionAssert.AreEqual(new[] { 2 }, await ClusterApi.VersionNumbersAsync(instance, model, token), $"{instance} listing");
            Assert.AreEqual(HttpStatusCode.NotFound, (await Api.GetAsync($"api/models/{model}/versions/1", token, instance.Client)).Status, $"{instance} manifest of version 1");
        }

        Assert.AreEqual(HttpStatusCode.NotFound, (await ClusterApi.PredictAsync(Instances[2], $"api/models/{model}/versions/1/predict", token)).Status, "the instance that deleted it evicted it");
    }

    private static async Task<int> TrainAsync(string model, string promote, int seed, CancellationToken cancellationToken)
    {
        var job = await Api.TrainAsync(model, new { csv = ClusterApi.SmallCsv(seed), label = "y", promote }, cancellationToken);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        return job.Version!.Value;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> SendAsync(
        RuntimeProcess instance, HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await instance.Client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Headers.ETag?.ToString());
    }
}
