using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AiMaas.Tests.Support;

namespace AiMaas.IntegrationTests;

/// <summary>Changes and refusals land in the audit trail, readable through GET /api/audit.</summary>
[TestClass]
public sealed class AuditTrailTests
{
    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task Changes_AreRecordedWithActorTargetAndOutcome()
    {
        var model = Platform.UniqueName("audit");
        var (keyId, key) = await Keys.CreateAsync([$"manage:{model}", $"train:{model}", "datasets:write", "datasets:read"], Token);
        using var client = Keys.Client(key);
        await PutDatasetAsync(client, $"audit/{model}.csv", SampleData.Read("iris.csv"));
        var (submitted, job) = await Api.PostAsync($"api/models/{model}/train", """{"dataset":"audit/MODEL.csv","label":"species","promote":"always"}""".Replace("MODEL", model, StringComparison.Ordinal), Token, client);
        Assert.AreEqual(HttpStatusCode.Accepted, submitted, job.ToString());
        var finished = await Platform.WaitForJobAsync(job.GetProperty("jobId").GetString()!, Token);
        Assert.AreEqual(AiMaas.Core.Vocabulary.JobStatus.Succeeded, finished.Status, finished.Error);
        Assert.AreEqual(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Put, $"api/models/{model}/aliases/staging", """{"version":1}""")).Status);
        Assert.AreEqual(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Delete, $"api/models/{model}/aliases/staging", null)).Status);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await SendAsync(client, HttpMethod.Get, "api/keys", null)).Status);
        Assert.AreEqual(HttpStatusCode.NoContent, (await SendAsync(client, HttpMethod.Delete, $"api/models/{model}", null)).Status);
        Assert.AreEqual(HttpStatusCode.NoContent, (await Api.SendAsync(HttpMethod.Delete, $"api/keys/{keyId}", null, Token)).Status);

        var records = await WaitForRecordsAsync($"model={model}", r => r.Count(x => x.GetProperty("action").GetString() == "model.deleted") == 1);

        var byAction = records.GroupBy(r => r.GetProperty("action").GetString()!).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var action in new[] { "training.submitted", "training.started", "training.finished", "promotion.decided", "alias.set", "alias.deleted", "model.deleted" })
        {
            Assert.IsTrue(byAction.ContainsKey(action), $"no '{action}' record among {string.Join(", ", byAction.Keys)}");
        }

        var alias = byAction["alias.set"].Single();
        StringAssert.Contains(alias.GetProperty("actor").GetString(), keyId);
        Assert.AreEqual($"PUT /api/models/{model}/aliases/staging", alias.GetProperty("target").GetString());
        Assert.AreEqual("200", alias.GetProperty("outcome").GetString());
        Assert.IsFalse(string.IsNullOrEmpty(alias.GetProperty("requestId").GetString()));
        Assert.AreEqual("127.0.0.1", alias.GetProperty("callerIp").GetString());
        StringAssert.Contains(byAction["training.submitted"].Single().GetProperty("detail").GetString(), "/api/jobs/");

        var byKey = await WaitForRecordsAsync($"actor={keyId}", r => r.Any(x => x.GetProperty("action").GetString() == "request.refused"));
        Assert.IsTrue(byKey.Any(r => r.GetProperty("action").GetString() == "dataset.written"));
        Assert.AreEqual("403", byKey.First(r => r.GetProperty("action").GetString() == "request.refused").GetProperty("outcome").GetString());
        var keyRecords = await WaitForRecordsAsync("actor=host", r => r.Any(x => x.GetProperty("action").GetString() == "key.revoked" && x.GetProperty("target").GetString()!.Contains(keyId, StringComparison.Ordinal)));
        Assert.IsTrue(keyRecords.Any(r => r.GetProperty("action").GetString() == "key.created" && r.TryGetProperty("detail", out var detail) && detail.GetString()!.Contains(keyId, StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Unauthenticated_IsRecordedAsRefused401()
    {
        var model = Platform.UniqueName("audit-401");

        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Api.PostAsync($"api/models/{model}/predict", "{}", Token, Platform.AnonymousClient)).Status);

        var records = await WaitForRecordsAsync($"model={model}", r => r.Count > 0);
        var refused = records.Single();
        Assert.AreEqual("request.refused", refused.GetProperty("action").GetString());
        Assert.AreEqual("401", refused.GetProperty("outcome").GetString());
        Assert.AreEqual("anonymous", refused.GetProperty("actor").GetString());
    }

    [TestMethod]
    public async Task AuditBlobs_AreJsonLinesPerDayAndInstance()
    {
        var model = Platform.UniqueName("audit-blob");
        await Api.PostAsync($"api/models/{model}/predict", "{}", Token, Platform.AnonymousClient);
        await WaitForRecordsAsync($"model={model}", r => r.Count > 0);

        var today = DateTime.UtcNow.ToString("yyyy/MM/dd/", System.Globalization.CultureInfo.InvariantCulture);
        var blobs = new List<string>();
        await foreach (var blob in Platform.Container("audit").GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, today, Token))
        {
            Assert.AreEqual(Azure.Storage.Blobs.Models.BlobType.Append, blob.Properties.BlobType);
            StringAssert.EndsWith(blob.Name, ".jsonl");
            blobs.Add(blob.Name);
        }

        Assert.IsNotEmpty(blobs);
    }

    [TestMethod]
    public async Task ReadAudit_Pages_AndRejectsBadQueries()
    {
        var model = Platform.UniqueName("audit-page");
        for (var i = 0; i < 5; i++)
        {
            await Api.PostAsync($"api/models/{model}/predict", "{}", Token, Platform.AnonymousClient);
        }

        await WaitForRecordsAsync($"model={model}", r => r.Count == 5);
        var seen = new List<string>();
        string? token = null;
        do
        {
            var query = $"api/audit?model={model}&pageSize=2" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}");
            var (status, body) = await Api.GetAsync(query, Token);
            Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
            seen.AddRange(body.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("requestId").GetString()!));
            token = body.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.HasCount(5, seen.Distinct().ToArray());
        Assert.AreEqual(HttpStatusCode.BadRequest, (await Api.GetAsync("api/audit?from=yesterday", Token)).Status);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await Api.GetAsync("api/audit?from=2020-01-01&to=2026-01-01", Token)).Status);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await Api.GetAsync("api/audit?continuationToken=%21%21", Token)).Status);
    }

    private Task<JsonElement[]> WaitForRecordsAsync(
        string filter, Func<IReadOnlyList<JsonElement>, bool> done, [CallerArgumentExpression(nameof(done))] string waitingFor = "") =>
        Eventually.MatchesAsync(
            async token =>
            {
                var (status, body) = await Api.GetAsync($"api/audit?{filter}&pageSize=1000", token);
                Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
                return body.GetProperty("records").EnumerateArray().ToArray();
            },
            records => done(records),
            TimeSpan.FromSeconds(20),
            Token,
            $"audit records for '{filter}': {waitingFor}");

    private async Task PutDatasetAsync(HttpClient client, string name, string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await client.PutAsync(new Uri($"api/datasets/{name}", UriKind.Relative), content, Token);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }
}
