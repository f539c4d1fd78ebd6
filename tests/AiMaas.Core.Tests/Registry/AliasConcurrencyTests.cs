using AiMaas.Core.Tests.Support;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Registry;

/// <summary>Alias updates under the model document's ETag: stale views are refused, concurrent updates are never lost.</summary>
[TestClass]
public sealed class AliasConcurrencyTests
{
    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task SetAliasAsync_StaleETag_PreconditionFailedAndAliasUnchanged()
    {
        var platform = await ModelWithVersionsAsync(3);
        var registry = platform.Registry();
        var read = (await registry.GetModelWithETagAsync("m", Token))!;
        Assert.IsNull((await registry.SetAliasAsync("m", "current", 2, read.ETag, Token)).Problem);

        var stale = await registry.SetAliasAsync("m", "current", 3, read.ETag, Token);

        Assert.AreEqual(ProblemKind.PreconditionFailed, stale.Problem?.Kind);
        Assert.AreEqual(2, (await registry.GetModelAsync("m", Token))!.Aliases["current"]);
    }

    [TestMethod]
    public async Task SetAliasAsync_ETagChangesBetweenReadAndWrite_PreconditionFailed()
    {
        var platform = await ModelWithVersionsAsync(2);
        var etag = (await platform.Registry().GetModelWithETagAsync("m", Token))!.ETag;
        // Another instance moves the alias after this one read the document and before its conditional write lands.
        platform.Blobs.BeforeRequest = async (request, token) =>
        {
            if (request is { Method: "PUT", Blob: "m/model.json" })
            {
                platform.Blobs.BeforeRequest = null;
                Assert.IsNull((await platform.Registry().SetAliasAsync("m", "current", 1, ifMatch: null, token)).Problem);
            }
        };

        var result = await platform.Registry().SetAliasAsync("m", "current", 2, etag, Token);

        Assert.AreEqual(ProblemKind.PreconditionFailed, result.Problem?.Kind);
        Assert.AreEqual(1, (await platform.Registry().GetModelAsync("m", Token))!.Aliases["current"]);
    }

    [TestMethod]
    public async Task SetAliasAsync_TwoInstancesWithoutETag_NeitherUpdateIsLost()
    {
        var platform = await ModelWithVersionsAsync(2);
        var gate = new RequestGate(r => r is { Method: "GET", Blob: "m/model.json" }, count: 2);
        platform.Blobs.AfterRequest = gate.HoldAsync;

        var results = await Task.WhenAll(
            platform.Registry().SetAliasAsync("m", "current", 1, ifMatch: null, Token),
            platform.Registry().SetAliasAsync("m", "candidate", 2, ifMatch: null, Token));

        Assert.IsTrue(results.All(r => r.Problem is null));
        Assert.IsGreaterThanOrEqualTo(1, platform.Blobs.ConditionFailures);
        var aliases = (await platform.Registry().GetModelAsync("m", Token))!.Aliases;
        Assert.AreEqual(1, aliases["current"]);
        Assert.AreEqual(2, aliases["candidate"]);
    }

    [TestMethod]
    public async Task DeleteVersionAsync_RacingAnAliasMoveOntoIt_NoAliasEverPointsAtADeletedVersion()
    {
        var platform = await ModelWithVersionsAsync(2);
        Assert.IsNull((await platform.Registry().SetAliasAsync("m", "current", 1, ifMatch: null, Token)).Problem);
        var gate = new RequestGate(r => r is { Method: "GET", Blob: "m/model.json" }, count: 2);
        platform.Blobs.AfterRequest = gate.HoldAsync;

        var delete = platform.Registry().DeleteVersionAsync("m", 2, Token);
        var move = platform.Registry().SetAliasAsync("m", "current", 2, ifMatch: null, Token);
        await Task.WhenAll(delete, move);

        // One of them wins; the other re-reads and refuses: either the version is gone and no alias names it, or it is served and kept.
        var document = (await platform.Registry().GetModelAsync("m", Token))!;
        Assert.AreEqual(1, new[] { delete.Result.Problem, move.Result.Problem }.Count(p => p is not null), "exactly one of the two is refused");
        Assert.IsFalse(document.Aliases.Values.Any(document.DeletedVersions.Contains), $"aliases {string.Join(",", document.Aliases)} deleted {string.Join(",", document.DeletedVersions)}");
        if (delete.Result.Problem is null)
        {
            Assert.IsNull(await platform.Registry().GetManifestAsync("m", 2, Token));
            Assert.AreEqual(ProblemKind.NotFound, move.Result.Problem!.Kind);
        }
        else
        {
            Assert.AreEqual(ProblemKind.Conflict, delete.Result.Problem.Kind);
            Assert.AreEqual(2, document.Aliases["current"]);
        }
    }

    [TestMethod]
    public async Task DeleteVersionAsync_Unaliased_RemovesItsBlobsAndKeepsTheOthers()
    {
        var platform = await ModelWithVersionsAsync(2);

        var deleted = await platform.Registry().DeleteVersionAsync("m", 1, Token);

        Assert.IsNull(deleted.Problem);
        Assert.IsFalse(platform.Blobs.BlobNames("models").Any(n => n.StartsWith("m/1/", StringComparison.Ordinal)));
        Assert.IsTrue(platform.Blobs.BlobNames("models").Any(n => n.StartsWith("m/2/", StringComparison.Ordinal)));
        Assert.AreEqual(ProblemKind.NotFound, (await platform.Registry().SetAliasAsync("m", "current", 1, ifMatch: null, Token)).Problem?.Kind);
    }

    private async Task<InMemoryPlatform> ModelWithVersionsAsync(int versions)
    {
        var platform = await InMemoryPlatform.CreateAsync();
        for (var i = 1; i <= versions; i++)
        {
            var version = await platform.Registry().ReserveVersionAsync("m", $"job-{i}", Token);
            await platform.PublishAsync("m", version, Models.Regression, jobId: $"job-{i}");
        }

        return platform;
    }
}
