using System.Globalization;
using System.Net;
using System.Text;
using AiMaas.Core.Jobs;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests.Instances;

/// <summary>
/// An instance SIGKILLed in the middle of a training: no shutdown code runs, nothing renews the message, and after the
/// processing visibility another instance takes it and finishes the job as its second attempt, with one version.
/// </summary>
[TestClass]
public sealed class KilledInstanceTests
{
    private static readonly TimeSpan ProcessingVisibility = TimeSpan.FromSeconds(4);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task SigkillMidTraining_MessageReturnsAfterVisibility_AnotherInstanceFinishesWithOneVersion()
    {
        var token = TestContext.CancellationToken;
        var settings = RuntimeCluster.DefaultSettings(Platform.StorageConnectionString);
        settings[JobMonitoringOptions.QueueProcessingVisibilitySetting] = ProcessingVisibility.ToString();
        settings["AiMaas:JobProgressInterval"] = "00:00:00.200";
        settings["AiMaas:JobHeartbeatInterval"] = "00:00:00.400";
        var model = Platform.UniqueName("killed");
        var dataset = $"it/{model}.csv";

        using var doomed = await RuntimeProcess.StartAsync("doomed", settings, token);
        using (var content = new StringContent(SlowCsv(), Encoding.UTF8, "text/csv"))
        using (var put = await doomed.Client.PutAsync(new Uri($"api/datasets/{dataset}", UriKind.Relative), content, token))
        {
            Assert.AreEqual(HttpStatusCode.OK, put.StatusCode, await put.Content.ReadAsStringAsync(token));
        }

        // Enough boosted trees on one thread that training lasts seconds, long enough to be killed in the middle of.
        var job = await ClusterApi.SubmitAsync(doomed, model, new
        {
            dataset,
            label = "y",
            trainer = "fastTree",
            options = new { numberOfTrees = 300, numberOfLeaves = 30, numberOfThreads = 1 },
        }, token);
        await ClusterApi.WaitForJobAsync(doomed, job.JobId, j => j.Status != JobStatus.Queued, token);

        // The second instance polls the same queue from here on; the message is invisible to it while the first renews it.
        using var rescuer = await RuntimeProcess.StartAsync("rescuer", settings, token);
        var training = await ClusterApi.WaitForJobAsync(doomed, job.JobId, j => j.Progress?.Stage == JobStage.Training || j.IsFinished, token);
        Assert.AreEqual(JobStatus.Running, training.Status, "the training finished before it could be killed; make it slower");
        Assert.AreEqual(1, training.Attempts, "the rescuer must not have taken the message while the first instance held it");
        doomed.Kill();
        var killedAt = DateTimeOffset.UtcNow;

        var finished = await ClusterApi.WaitForJobAsync(rescuer, job.JobId, token, TimeSpan.FromMinutes(4));
        TestContext.WriteLine($"Killed {doomed} at {killedAt:O} in stage {training.Progress?.Stage}; second attempt started {finished.StartedAt:O}, finished {finished.CompletedAt:O}.");

        Assert.AreEqual(JobStatus.Succeeded, finished.Status, finished.Error);
        Assert.AreEqual(2, finished.Attempts, "the killed attempt and the one that finished");
        Assert.AreEqual(1, finished.Version);
        CollectionAssert.AreEqual(new[] { 1 }, await ClusterApi.VersionNumbersAsync(rescuer, model, token), "exactly one version");

        // The message stayed invisible for at least half a processing visibility after the last renewal, which came no
        // later than the kill (renewals run at half the visibility).
        Assert.IsTrue(
            finished.StartedAt >= training.LastAliveAt!.Value + (ProcessingVisibility / 2) - TimeSpan.FromMilliseconds(500),
            $"redelivered at {finished.StartedAt:O}, before the visibility of the message taken at {training.StartedAt:O} ran out");
        var (status, _) = await Api.PostAsync($"api/models/{model}/versions/1/predict", """{"instances":[{"f0":1,"f1":2,"f2":3,"f3":4,"f4":5,"f5":6}]}""", token, rescuer.Client);
        Assert.AreEqual(HttpStatusCode.OK, status);
    }

    /// <summary>4,000 rows of six features with a non-linear target.</summary>
    private static string SlowCsv()
    {
        var random = new Random(7);
        var csv = new StringBuilder("f0,f1,f2,f3,f4,f5,y\n");
        for (var i = 0; i < 4000; i++)
        {
            var f = Enumerable.Range(0, 6).Select(_ => Math.Round(random.NextDouble() * 10, 3)).ToArray();
            var y = Math.Round((f[0] * f[1]) + Math.Sin(f[2]) * f[3] + (f[4] > 5 ? f[5] : -f[5]) + random.NextDouble(), 3);
            csv.AppendJoin(',', f.Select(v => v.ToString(CultureInfo.InvariantCulture))).Append(',').Append(y.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return csv.ToString();
    }
}
