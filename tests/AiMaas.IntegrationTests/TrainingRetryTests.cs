using System.Text.Json;
using AiMaas.Core;
using AiMaas.Core.Jobs;
using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;
using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiMaas.IntegrationTests;

/// <summary>
/// An unexpected storage failure is left to the queue to retry; the job says so, and the last attempt marks it failed.
/// The failure is real: the runner writes to a models container that does not exist.
/// </summary>
[TestClass]
public sealed class TrainingRetryTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task StorageFailure_BeforeLastAttempt_RethrowsAndKeepsJobQueued()
    {
        var (job, thrown) = await RunWithBrokenStorageAsync(dequeueCount: 1, maxDequeueCount: 5);

        Assert.IsInstanceOfType<RequestFailedException>(thrown);
        Assert.AreEqual(JobStatus.Queued, job.Status);
        StringAssert.Contains(job.Error, "Attempt 1 of 5");
    }

    [TestMethod]
    public async Task StorageFailure_OnLastAttempt_RethrowsAndMarksJobFailed()
    {
        var (job, thrown) = await RunWithBrokenStorageAsync(dequeueCount: 5, maxDequeueCount: 5);

        Assert.IsInstanceOfType<RequestFailedException>(thrown);
        Assert.AreEqual(JobStatus.Failed, job.Status);
        StringAssert.Contains(job.Error, "Attempt 5 of 5");
        Assert.IsNotNull(job.CompletedAt);
    }

    private async Task<(JobRecord Job, Exception? Thrown)> RunWithBrokenStorageAsync(int dequeueCount, int maxDequeueCount)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Platform.Settings());
        builder.Configuration["AiMaas:ModelsContainer"] = "missing-" + Guid.NewGuid().ToString("N")[..12];
        builder.AddAiMaasCore();
        using var host = builder.Build();
        var runner = host.Services.GetRequiredService<TrainingJobRunner>();
        var jobId = Guid.NewGuid().ToString("N");
        var body = JsonSerializer.Serialize(new { model = "retry", csv = SampleData.Read("iris.csv"), label = "species", jobId });

        Exception? thrown = null;
        try
        {
            await runner.RunAsync(new TrainingMessage(body, "message-id", dequeueCount, maxDequeueCount), TestContext.CancellationToken);
        }
        catch (RequestFailedException ex)
        {
            thrown = ex;
        }

        var job = await host.Services.GetRequiredService<JobStore>().GetAsync(jobId, TestContext.CancellationToken);
        return (job!, thrown);
    }
}
