using System.Net;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

/// <summary>Aliases move traffic between versions; the model document's ETag keeps concurrent updates from being lost.</summary>
[TestClass]
public sealed class AliasTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task SetAlias_ThenPredictThroughIt_ServesThatVersion()
    {
        var token = TestContext.CancellationToken;
        var model = await TwoVersionModelAsync(token);

        var (status, document, etag) = await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/aliases/staging", """{"version":2}""", token);

        Assert.AreEqual(HttpStatusCode.OK, status, document.ToString());
        Assert.IsNotNull(etag);
        Assert.AreEqual(2, document.GetProperty("aliases").GetProperty("staging").GetInt32());
        var (_, prediction) = await Api.PostAsync($"api/models/{model}/aliases/staging/predict", $$"""{"instances":[{{SampleData.IrisInstance}}]}""", token);
        Assert.AreEqual(2, prediction.GetProperty("version").GetInt32(), prediction.ToString());
        var (_, details, _) = await Api.SendAsync(HttpMethod.Get, $"api/models/{model}", null, token);
        Assert.AreEqual(2, details.GetProperty("aliases").GetProperty("staging").GetInt32());
    }

    [TestMethod]
    public async Task DeleteAlias_ThenPredictThroughIt_Returns404()
    {
        var token = TestContext.CancellationToken;
        var model = await TwoVersionModelAsync(token);
        await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/aliases/canary", """{"version":1}""", token);

        var (status, document, _) = await Api.SendAsync(HttpMethod.Delete, $"api/models/{model}/aliases/canary", null, token);

        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.IsFalse(document.GetProperty("aliases").TryGetProperty("canary", out _));
        var (predictStatus, _) = await Api.PostAsync($"api/models/{model}/aliases/canary/predict", $$"""{"instances":[{{SampleData.IrisInstance}}]}""", token);
        Assert.AreEqual(HttpStatusCode.NotFound, predictStatus);
    }

    [TestMethod]
    public async Task SetAlias_WithStaleIfMatch_Returns412AndChangesNothing()
    {
        var token = TestContext.CancellationToken;
        var model = await TwoVersionModelAsync(token);
        var (_, _, original) = await Api.SendAsync(HttpMethod.Get, $"api/models/{model}", null, token);
        var (_, _, fresh) = await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/aliases/current", """{"version":1}""", token, ifMatch: original);

        var (status, problem, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/aliases/current", """{"version":2}""", token, ifMatch: original);

        Assert.AreNotEqual(original, fresh);
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, status);
        Assert.AreEqual(412, problem.GetProperty("status").GetInt32());
        var (_, details, _) = await Api.SendAsync(HttpMethod.Get, $"api/models/{model}", null, token);
        Assert.AreEqual(1, details.GetProperty("currentVersion").GetInt32());
    }

    [TestMethod]
    public async Task ConcurrentAliasUpdates_WithoutIfMatch_NoneIsLost()
    {
        var token = TestContext.CancellationToken;
        var model = await TwoVersionModelAsync(token);
        var aliases = Enumerable.Range(0, 12).Select(i => $"team{i}").ToArray();

        var results = await Task.WhenAll(aliases.Select((alias, i) =>
            Api.SendAsync(HttpMethod.Put, $"api/models/{model}/aliases/{alias}", $$"""{"version":{{(i % 2) + 1}}}""", token)));

        Assert.IsTrue(results.All(r => r.Status == HttpStatusCode.OK));
        var (_, details, _) = await Api.SendAsync(HttpMethod.Get, $"api/models/{model}", null, token);
        var stored = details.GetProperty("aliases");
        foreach (var (alias, i) in aliases.Select((a, i) => (a, i)))
        {
            Assert.AreEqual((i % 2) + 1, stored.GetProperty(alias).GetInt32(), alias);
        }
    }

    [TestMethod]
    public async Task ConcurrentAliasUpdates_WithTheSameIfMatch_ExactlyOneWins()
    {
        var token = TestContext.CancellationToken;
        var model = await TwoVersionModelAsync(token);
        var (_, _, etag) = await Api.SendAsync(HttpMethod.Get, $"api/models/{model}", null, token);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Api.SendAsync(HttpMethod.Put, $"api/models/{model}/aliases/current", $$"""{"version":{{(i % 2) + 1}}}""", token, ifMatch: etag)));

        Assert.AreEqual(1, results.Count(r => r.Status == HttpStatusCode.OK));
        Assert.AreEqual(7, results.Count(r => r.Status == HttpStatusCode.PreconditionFailed));
    }

    [TestMethod]
    public async Task SetAlias_UnknownVersionOrBadName_IsRejected()
    {
        var token = TestContext.CancellationToken;
        var model = await TwoVersionModelAsync(token);

        var (missing, _, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/aliases/prod", """{"version":9}""", token);
        var (badName, body, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/aliases/Prod!", """{"version":1}""", token);
        var (badBody, _, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/aliases/prod", """{"v":1}""", token);

        Assert.AreEqual(HttpStatusCode.NotFound, missing);
        Assert.AreEqual(HttpStatusCode.BadRequest, badName);
        Assert.IsTrue(body.GetProperty("errors").TryGetProperty("alias", out _));
        Assert.AreEqual(HttpStatusCode.BadRequest, badBody);
    }

    /// <summary>A model with versions 1 and 2, version 1 current.</summary>
    private static async Task<string> TwoVersionModelAsync(CancellationToken token)
    {
        var model = Platform.UniqueName("alias");
        var first = await Api.TrainIrisAsync(model, token);
        var second = await Api.TrainIrisAsync(model, token, promote: "never");
        Assert.AreEqual(JobStatus.Succeeded, first.Status, first.Error);
        Assert.AreEqual(JobStatus.Succeeded, second.Status, second.Error);
        return model;
    }
}
