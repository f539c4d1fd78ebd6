using AiMaas.Core.Registry;
using AiMaas.Core.Serving;
using AiMaas.Core.Vocabulary;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiMaas.IntegrationTests;

/// <summary>The model cache against real storage: least-recently-used eviction under a budget, single flight, no cached failures.</summary>
[TestClass]
public sealed class ModelCacheTests
{
    private static string s_model = "";
    private static long[] s_sizes = [];

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [ClassInitialize]
    public static async Task TrainThreeVersionsAsync(TestContext context)
    {
        s_model = Platform.UniqueName("cache");
        var registry = Platform.Services.GetRequiredService<ModelRegistry>();
        var sizes = new List<long>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var job = await Api.TrainAsync(s_model, new { csv = SampleData.Read("iris.csv"), label = "species" }, context.CancellationToken);
            Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
            var manifest = await registry.GetManifestAsync(s_model, job.Version!.Value, context.CancellationToken);
            sizes.Add(manifest!.Artifact.SizeBytes);
        }

        s_sizes = [.. sizes];
    }

    [TestMethod]
    public async Task GetAsync_OverBudget_EvictsTheLeastRecentlyUsedVersion()
    {
        // Any two versions fit, all three do not (with estimates equal to the model.zip sizes).
        var cache = CreateCache(s_sizes.Sum() - 1);

        await cache.GetAsync(Key(1), Token);
        await cache.GetAsync(Key(2), Token);
        await cache.GetAsync(Key(1), Token);
        await cache.GetAsync(Key(3), Token);

        Assert.IsTrue(cache.IsLoaded(Key(1)), "version 1 was used more recently than version 2");
        Assert.IsFalse(cache.IsLoaded(Key(2)), "version 2 was the least recently used");
        Assert.IsTrue(cache.IsLoaded(Key(3)));
        Assert.AreEqual(1, cache.Evictions);
        Assert.AreEqual(s_sizes[0] + s_sizes[2], cache.Bytes);
    }

    [TestMethod]
    public async Task GetAsync_EvictedVersion_IsLoadedAgainOnDemand()
    {
        var cache = CreateCache(s_sizes.Max());

        var first = (await cache.GetAsync(Key(1), Token)).Value;
        await cache.GetAsync(Key(2), Token);
        var again = (await cache.GetAsync(Key(1), Token)).Value;

        Assert.IsNotNull(again);
        Assert.AreNotSame(first, again);
        Assert.AreEqual(3, cache.Loads);
        Assert.IsFalse(cache.IsLoaded(Key(2)));
    }

    [TestMethod]
    public async Task GetAsync_VersionLargerThanTheBudget_IsServedAlone()
    {
        var cache = CreateCache(budget: 1);

        var model = (await cache.GetAsync(Key(1), Token)).Value;

        Assert.IsNotNull(model);
        Assert.IsTrue(cache.IsLoaded(Key(1)));
        await cache.GetAsync(Key(2), Token);
        Assert.IsFalse(cache.IsLoaded(Key(1)));
        Assert.IsTrue(cache.IsLoaded(Key(2)));
    }

    [TestMethod]
    public async Task GetAsync_FiftyConcurrentFirstRequests_DownloadAndLoadOnce()
    {
        var cache = CreateCache(long.MaxValue);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return (await cache.GetAsync(Key(3), Token)).Value;
        })).ToArray();
        start.SetResult();
        var models = await Task.WhenAll(requests);

        Assert.AreEqual(1, cache.Loads);
        Assert.IsNotNull(models[0]);
        Assert.IsTrue(models.All(m => ReferenceEquals(m, models[0])), "every request got the one loaded instance");
    }

    [TestMethod]
    public async Task GetAsync_UnknownVersion_IsNotCached()
    {
        var cache = CreateCache(long.MaxValue);

        Assert.AreEqual(ProblemKind.NotFound, (await cache.GetAsync(Key(99), Token)).Problem?.Kind);
        Assert.AreEqual(ProblemKind.NotFound, (await cache.GetAsync(Key(99), Token)).Problem?.Kind);

        Assert.IsFalse(cache.IsLoaded(Key(99)));
        Assert.AreEqual(2, cache.Loads, "a missing version is asked for again, so that it is found once it is published");
    }

    [TestMethod]
    public async Task IsLoaded_BeforeAndAfterGet_ReportsWhetherTheVersionIsInMemory()
    {
        var cache = CreateCache(long.MaxValue);

        Assert.IsFalse(cache.IsLoaded(Key(2)));
        await cache.GetAsync(Key(2), Token);
        Assert.IsTrue(cache.IsLoaded(Key(2)));
    }

    private static VersionKey Key(int version) => new(s_model, version);

    /// <summary>A cache of its own over the app's registry, estimating each version at exactly its model.zip size.</summary>
    private static ModelCache CreateCache(long budget)
    {
        var options = Options.Create(new ServingOptions { ModelCacheBudgetBytes = budget, ModelMemoryFactor = 1, ModelOverheadBytes = 0 });
        var loader = new VersionLoader(Platform.Services.GetRequiredService<ModelRegistry>(), options, NullLogger<VersionLoader>.Instance);
        return new ModelCache(loader, options, NullLogger<ModelCache>.Instance);
    }
}
