using AiMaas.Core.Registry;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Serving;

/// <summary>The model cache over in-memory storage: single flight, no caching of failures, LRU eviction, eviction after delete.</summary>
[TestClass]
public sealed class ModelCacheTests
{
    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task GetAsync_ManyConcurrentFirstRequests_OneDownloadAndOneLoad()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        await platform.PublishAsync("m", 1, Models.Regression);
        var downloads = 0;
        platform.Blobs.BeforeRequest = (request, _) =>
        {
            if (request is { Method: "GET", Blob: "m/1/model.zip" })
            {
                Interlocked.Increment(ref downloads);
            }

            return Task.CompletedTask;
        };
        var cache = platform.Cache();

        var loaded = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => cache.GetAsync(new VersionKey("m", 1), Token), Token)));

        Assert.IsTrue(loaded.All(m => ReferenceEquals(m.Value, loaded[0].Value)) && loaded[0].Value is not null);
        Assert.AreEqual(1, cache.Loads);
        Assert.AreEqual(1, downloads);
    }

    [TestMethod]
    public async Task GetAsync_VersionNotYetPublished_NotFoundThenLoadedOncePublished()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        var cache = platform.Cache();

        Assert.AreEqual(ProblemKind.NotFound, (await cache.GetAsync(new VersionKey("m", 1), Token)).Problem?.Kind);
        await platform.PublishAsync("m", 1, Models.Regression);

        Assert.IsNotNull((await cache.GetAsync(new VersionKey("m", 1), Token)).Value);
        Assert.AreEqual(2, cache.Loads, "a miss is not cached");
    }

    [TestMethod]
    public async Task GetAsync_CorruptArtifact_RefusedNotCachedAndRetriedOnceRepaired()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        await platform.PublishAsync("m", 1, Models.Regression);
        var artifact = platform.Storage.Models.GetBlobClient(ModelPaths.Artifact("m", 1));
        await artifact.UploadAsync(BinaryData.FromString("not a model"), overwrite: true, Token);
        var cache = platform.Cache();

        Assert.AreEqual(ProblemKind.Corrupt, (await cache.GetAsync(new VersionKey("m", 1), Token)).Problem?.Kind);
        Assert.IsFalse(cache.IsLoaded(new VersionKey("m", 1)));
        await artifact.UploadAsync(BinaryData.FromBytes(Models.Regression.Zip), overwrite: true, Token);

        Assert.IsNotNull((await cache.GetAsync(new VersionKey("m", 1), Token)).Value);
        Assert.AreEqual(2, cache.Loads);
    }

    [TestMethod]
    public async Task GetAsync_OverBudget_EvictsTheLeastRecentlyUsedVersion()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        for (var version = 1; version <= 3; version++)
        {
            await platform.PublishAsync("m", version, Models.Regression);
        }

        // Each version is estimated at its zip's size here (no overhead, factor 1): two fit, three do not.
        var cache = platform.Cache(budgetBytes: (Models.Regression.Zip.LongLength * 2) + 1);
        await cache.GetAsync(new VersionKey("m", 1), Token);
        await cache.GetAsync(new VersionKey("m", 2), Token);
        await cache.GetAsync(new VersionKey("m", 1), Token);

        await cache.GetAsync(new VersionKey("m", 3), Token);

        Assert.IsTrue(cache.IsLoaded(new VersionKey("m", 1)));
        Assert.IsFalse(cache.IsLoaded(new VersionKey("m", 2)), "version 2 was used least recently");
        Assert.IsTrue(cache.IsLoaded(new VersionKey("m", 3)));
        Assert.AreEqual(1, cache.Evictions);
        Assert.AreEqual(Models.Regression.Zip.LongLength * 2, cache.Bytes);
    }

    [TestMethod]
    public async Task Evict_AfterTheVersionIsDeleted_NextRequestFindsNothing()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        await platform.Registry().ReserveVersionAsync("m", "job-1", Token);
        await platform.PublishAsync("m", 1, Models.Regression);
        var cache = platform.Cache();
        Assert.IsNotNull((await cache.GetAsync(new VersionKey("m", 1), Token)).Value);

        Assert.IsNull((await platform.Registry().DeleteVersionAsync("m", 1, Token)).Problem);
        cache.Evict("m", 1);

        Assert.AreEqual(ProblemKind.NotFound, (await cache.GetAsync(new VersionKey("m", 1), Token)).Problem?.Kind);
        Assert.AreEqual(0, cache.Bytes);
    }
}
