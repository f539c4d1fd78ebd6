using AiMaas.Core.Registry;
using AiMaas.Core.Tests.Support;

namespace AiMaas.Core.Tests.Registry;

/// <summary>Exactly-once version numbers under racing writers, against in-memory storage that honours ETags as Azure does.</summary>
[TestClass]
public sealed class VersionReservationTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task ReserveVersionAsync_TwoJobsReadTheSameDocument_GetDistinctVersions()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        // Both trainings read the model document (absent, then each tries to create it) before either writes.
        var gate = new RequestGate(r => r is { Method: "GET", Blob: "m/model.json" }, count: 2);
        platform.Blobs.AfterRequest = gate.HoldAsync;

        var versions = await Task.WhenAll(
            platform.Registry().ReserveVersionAsync("m", "job-a", TestContext.CancellationToken),
            platform.Registry().ReserveVersionAsync("m", "job-b", TestContext.CancellationToken));

        CollectionAssert.AreEquivalent(new[] { 1, 2 }, versions);
        Assert.IsGreaterThanOrEqualTo(1, platform.Blobs.ConditionFailures, "the race was lost by one writer and retried");
        Assert.AreEqual(2, (await platform.Registry().GetModelAsync("m", TestContext.CancellationToken))!.LatestVersion);
    }

    [TestMethod]
    public async Task ReserveVersionAsync_ThirtyJobsOnThreeInstances_VersionsDistinctAndContiguous()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        ModelRegistry[] instances = [platform.Registry(), platform.Registry(), platform.Registry()];

        var versions = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            Task.Run(() => instances[i % 3].ReserveVersionAsync("m", $"job-{i}", TestContext.CancellationToken), TestContext.CancellationToken)));

        CollectionAssert.AreEqual(Enumerable.Range(1, 30).ToArray(), versions.Order().ToArray());
    }

    [TestMethod]
    public async Task ReserveVersionAsync_SameJobDeliveredTwiceAtOnce_BothDeliveriesGetOneVersion()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        // Both deliveries find no reservation, so both allocate a number; only one reservation can be written.
        var gate = new RequestGate(r => r is { Method: "GET", Blob: "m/reservations/job-a.json" }, count: 2);
        platform.Blobs.AfterRequest = gate.HoldAsync;

        var versions = await Task.WhenAll(
            platform.Registry().ReserveVersionAsync("m", "job-a", TestContext.CancellationToken),
            platform.Registry().ReserveVersionAsync("m", "job-a", TestContext.CancellationToken));
        var redelivered = await platform.Registry().ReserveVersionAsync("m", "job-a", TestContext.CancellationToken);

        Assert.AreEqual(versions[0], versions[1]);
        Assert.AreEqual(versions[0], redelivered);
        Assert.AreEqual(2, (await platform.Registry().GetModelAsync("m", TestContext.CancellationToken))!.LatestVersion, "the loser's number stays unused, never reused");
    }

    [TestMethod]
    public async Task PublishAsync_SecondDeliveryPublishesAgain_FirstManifestStandsAndIsReturned()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        var first = await platform.PublishAsync("m", 1, Models.Regression, jobId: "job-a");

        var second = await platform.Registry().PublishAsync(
            first with { CreatedAt = first.CreatedAt.AddMinutes(5) }, Models.Binary.Zip, probe: null, TestContext.CancellationToken);

        Assert.AreEqual(first.CreatedAt, second.CreatedAt);
        Assert.AreEqual(first.Artifact.Sha256, (await platform.Registry().GetManifestAsync("m", 1, TestContext.CancellationToken))!.Artifact.Sha256);
        CollectionAssert.AreEqual(Models.Regression.Zip, await platform.Registry().DownloadArtifactAsync(first, TestContext.CancellationToken));
    }

    [TestMethod]
    public async Task ListPublishedVersionsAsync_NumberAllocatedButNeverPublished_IsNotListed()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        await platform.Registry().ReserveVersionAsync("m", "job-a", TestContext.CancellationToken);
        await platform.Registry().ReserveVersionAsync("m", "job-b", TestContext.CancellationToken);
        await platform.PublishAsync("m", 2, Models.Regression, jobId: "job-b");

        var published = await platform.Registry().ListPublishedVersionsAsync("m", TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { 2 }, published.ToArray());
    }
}
