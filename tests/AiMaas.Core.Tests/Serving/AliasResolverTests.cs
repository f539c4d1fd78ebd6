using AiMaas.Core.Serving;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Tests.Serving;

/// <summary>The alias resolver's propagation bound on a fake clock: no wall-clock allowance, no sleep.</summary>
[TestClass]
public sealed class AliasResolverTests
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task ResolveAsync_WithinTheCacheDuration_AnswersFromMemoryWithoutStorageReads()
    {
        var (platform, resolver, _) = await ModelWithCurrentAsync();
        Assert.AreEqual(1, await resolver.ResolveAsync("m", "current", Token));
        var reads = CountDocumentReads(platform);

        for (var i = 0; i < 10; i++)
        {
            platform.Time.Advance(CacheDuration / 20);
            Assert.AreEqual(1, await resolver.ResolveAsync("m", "current", Token));
        }

        Assert.AreEqual(0, reads());
    }

    [TestMethod]
    public async Task ResolveAsync_AliasMovedElsewhere_SwitchesAfterTheCacheDurationWithTheNewVersionAlreadyLoaded()
    {
        var (platform, resolver, cache) = await ModelWithCurrentAsync();
        Assert.AreEqual(1, await resolver.ResolveAsync("m", "current", Token));

        // Another instance moves the alias.
        Assert.IsNull((await platform.Registry().SetAliasAsync("m", "current", 2, ifMatch: null, Token)).Problem);
        platform.Time.Advance(CacheDuration - TimeSpan.FromMilliseconds(1));
        Assert.AreEqual(1, await resolver.ResolveAsync("m", "current", Token), "within the bound the cached answer stands");

        platform.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.AreEqual(1, await resolver.ResolveAsync("m", "current", Token), "the expired answer is served while one refresh runs");

        await Eventually.TrueAsync(async token => await resolver.ResolveAsync("m", "current", token) == 2, TimeSpan.FromSeconds(10), Token);
        Assert.IsTrue(cache.IsLoaded(new VersionKey("m", 2)), "the new version was loaded before the switch");
    }

    [TestMethod]
    public async Task ResolveAsync_AliasRemoved_NoVersionAfterTheCacheDuration()
    {
        var (platform, resolver, _) = await ModelWithCurrentAsync();
        Assert.AreEqual(1, await resolver.ResolveAsync("m", "current", Token));
        Assert.IsNull((await platform.Registry().RemoveAliasAsync("m", "current", ifMatch: null, Token)).Problem);

        platform.Time.Advance(CacheDuration);
        await resolver.ResolveAsync("m", "current", Token);

        await Eventually.TrueAsync(async token => await resolver.ResolveAsync("m", "current", token) is null, TimeSpan.FromSeconds(10), Token);
    }

    private async Task<(InMemoryPlatform Platform, AliasResolver Resolver, ModelCache Cache)> ModelWithCurrentAsync()
    {
        var platform = await InMemoryPlatform.CreateAsync(o => o.AliasCacheDuration = CacheDuration);
        for (var i = 1; i <= 2; i++)
        {
            await platform.Registry().ReserveVersionAsync("m", $"job-{i}", Token);
            await platform.PublishAsync("m", i, Models.Regression);
        }

        Assert.IsNull((await platform.Registry().SetAliasAsync("m", "current", 1, ifMatch: null, Token)).Problem);
        var cache = platform.Cache();
        var resolver = new AliasResolver(platform.Registry(), cache, platform.Time, Options.Create(platform.Options), NullLogger<AliasResolver>.Instance);
        return (platform, resolver, cache);
    }

    private static Func<int> CountDocumentReads(InMemoryPlatform platform)
    {
        var reads = 0;
        platform.Blobs.BeforeRequest = (request, _) =>
        {
            if (request is { Method: "GET", Blob: "m/model.json" })
            {
                Interlocked.Increment(ref reads);
            }

            return Task.CompletedTask;
        };
        return () => Volatile.Read(ref reads);
    }
}
