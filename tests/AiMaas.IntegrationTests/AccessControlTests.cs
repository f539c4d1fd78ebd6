using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Access;
using AiMaas.Tests.Support;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiMaas.IntegrationTests;

/// <summary>Scoped API keys: issue, use, list, expire, revoke (on every instance within 5 s), Entra ID roles and rate limits.</summary>
[TestClass]
public sealed class AccessControlTests
{
    private static string s_model = null!;
    private static string s_other = null!;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [ClassInitialize]
    public static async Task TrainModelsAsync(TestContext context)
    {
        s_model = Platform.UniqueName("acl");
        s_other = Platform.UniqueName("acl-o");
        await Task.WhenAll(Api.TrainIrisAsync(s_model, context.CancellationToken), Api.TrainIrisAsync(s_other, context.CancellationToken));
    }

    [TestMethod]
    public async Task PredictKey_PredictsItsModelOnly_AndCannotManageOrTrain()
    {
        using var client = await Keys.ClientWithAsync([$"predict:{s_model}"], Token);

        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{s_model}/predict", Iris, Token, client)).Status);
        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"v1/models/{s_model}:predict", Iris, Token, client)).Status);
        var (status, body) = await Api.PostAsync($"api/models/{s_other}/predict", Iris, Token, client);
        Assert.AreEqual(HttpStatusCode.Forbidden, status);
        Assert.AreEqual($"predict:{s_other}", body.GetProperty("requiredScope").GetString());
        Assert.AreEqual("application/problem+json", await ContentTypeAsync(client, HttpMethod.Delete, $"api/models/{s_model}"));
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Api.PostAsync($"api/models/{s_model}/train", "{}", Token, client)).Status);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Api.GetAsync("api/keys", Token, client)).Status);
    }

    [TestMethod]
    public async Task Key_InAuthorizationBearer_IsAccepted()
    {
        var (_, key) = await Keys.CreateAsync([$"predict:{s_model}"], Token);
        using var client = Keys.Client(key, bearer: true);

        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{s_model}/predict", Iris, Token, client)).Status);
    }

    [TestMethod]
    public async Task UnknownOrMalformedKey_Returns401()
    {
        var (_, key) = await Keys.CreateAsync([$"predict:{s_model}"], Token);
        var tampered = key[..^2] + (key[^2..] == "AA" ? "BB" : "AA");

        foreach (var presented in new[] { tampered, "amk_0123456789ab_nope", "garbage", "" })
        {
            using var client = Keys.Client(presented);
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await Api.PostAsync($"api/models/{s_model}/predict", Iris, Token, client)).Status, presented);
        }
    }

    [TestMethod]
    public async Task ModelListings_ShowOnlyTheModelsTheKeyMayUse()
    {
        using var client = await Keys.ClientWithAsync([$"predict:{s_model}"], Token);

        var (status, v2) = await Api.GetAsync("v2/models", Token, client);
        Assert.AreEqual(HttpStatusCode.OK, status);
        CollectionAssert.AreEqual(new[] { s_model }, v2.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToArray());

        var (_, api) = await Api.GetAsync("api/models", Token, client);
        CollectionAssert.AreEqual(new[] { s_model }, api.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToArray());

        var (_, all) = await Api.GetAsync("v2/models", Token);
        var names = all.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToArray();
        CollectionAssert.IsSubsetOf(new[] { s_model, s_other }, names);
    }

    [TestMethod]
    public async Task KeyListing_HasNoSecrets_AndStorageHoldsOnlyTheHash()
    {
        var (id, key) = await Keys.CreateAsync(["datasets:read"], Token);

        var (status, body) = await Api.GetAsync("api/keys", Token);
        Assert.AreEqual(HttpStatusCode.OK, status);
        var listed = body.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.IsFalse(listed.TryGetProperty("key", out _));
        Assert.IsFalse(listed.TryGetProperty("hash", out _));
        Assert.IsFalse(body.ToString().Contains(key, StringComparison.Ordinal));

        var stored = (await Platform.Container("keys").GetBlobClient($"{id}.json").DownloadContentAsync(Token)).Value.Content.ToString();
        Assert.IsFalse(stored.Contains(key, StringComparison.Ordinal), "the secret must not be stored");
        StringAssert.Contains(stored, ApiKeySecrets.Hash(key));
    }

    [TestMethod]
    public async Task CreateKey_InvalidScopeOrPastExpiry_Returns400NamingTheField()
    {
        var (status, body) = await Api.PostAsync("api/keys", """{"name":"x","scopes":["predict:../etc","root"],"expiresAt":"2000-01-01T00:00:00Z"}""", Token);

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        var errors = body.GetProperty("errors");
        Assert.IsTrue(errors.TryGetProperty("scopes[0]", out _));
        Assert.IsTrue(errors.TryGetProperty("scopes[1]", out _));
        Assert.IsTrue(errors.TryGetProperty("expiresAt", out _));
    }

    [TestMethod]
    public async Task CreateKey_WithAnApiKeyThatIsNotAdmin_Returns403()
    {
        using var client = await Keys.ClientWithAsync(["manage:*", "train:*", "predict:*", "datasets:write"], Token);

        var (status, body) = await Api.PostAsync("api/keys", """{"name":"escalate","scopes":["admin"]}""", Token, client);

        Assert.AreEqual(HttpStatusCode.Forbidden, status);
        Assert.AreEqual("admin", body.GetProperty("requiredScope").GetString());
    }

    [TestMethod]
    public async Task AdminKey_CanIssueKeys()
    {
        using var admin = await Keys.ClientWithAsync(["admin"], Token);

        var (status, body) = await Api.PostAsync("api/keys", $$"""{"name":"from admin","scopes":["predict:{{s_model}}"]}""", Token, admin);

        Assert.AreEqual(HttpStatusCode.Created, status);
        using var issued = Keys.Client(body.GetProperty("key").GetString()!);
        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{s_model}/predict", Iris, Token, issued)).Status);
    }

    [TestMethod]
    public async Task ExpiredKey_Returns401()
    {
        // Issued an hour ago (a store on a clock set back) and expired since; accepted-until-expiry is a fake-clock unit test
        // (ApiKeyStoreTests), so nothing here waits for real time to pass.
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var issuer = new ApiKeyStore(Platform.Services.GetRequiredService<BlobServiceClient>(), Platform.Services.GetRequiredService<IOptions<AccessOptions>>(), past);
        var created = await issuer.CreateAsync(
            new CreateKeyRequest { Name = "expired", Scopes = [$"predict:{s_model}"], ExpiresAt = past.GetUtcNow().AddMinutes(1) }, "test", Token);
        using var client = Keys.Client(created.Key);

        var (status, _) = await Api.PostAsync($"api/models/{s_model}/predict", Iris, Token, client);

        Assert.AreEqual(HttpStatusCode.Unauthorized, status);
    }

    [TestMethod]
    public async Task RevokedKey_IsRefusedOnEveryInstanceWithin5Seconds()
    {
        await using var second = await ExtraHost.StartAsync(new Dictionary<string, string?>(), Token);
        var (id, key) = await Keys.CreateAsync([$"predict:{s_model}"], Token);
        using var first = Keys.Client(key);
        using var other = Keys.Client(key, second.Client.BaseAddress);
        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{s_model}/predict", Iris, Token, first)).Status);
        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{s_model}/predict", Iris, Token, other)).Status);

        var (status, _, _) = await Api.SendAsync(HttpMethod.Delete, $"api/keys/{id}", null, Token);
        Assert.AreEqual(HttpStatusCode.NoContent, status);
        var elapsed = await PollUntilAsync(other, HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10));

        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Api.PostAsync($"api/models/{s_model}/predict", Iris, Token, first)).Status, "the revoking instance refuses at once");
        Assert.IsLessThanOrEqualTo(5.5, elapsed.TotalSeconds, $"revocation reached the other instance after {elapsed.TotalSeconds:F1} s");
        TestContext.WriteLine($"revocation reached the second instance after {elapsed.TotalMilliseconds:F0} ms");
    }

    [TestMethod]
    public async Task ClientPrincipal_Roles_AreHonouredOnlyWhereTrusted()
    {
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            claims = new[] { new { typ = "roles", val = "AiMaas.Predict" }, new { typ = "name", val = "alice@example.com" } },
        })));
        await using var trusted = await ExtraHost.StartAsync(new Dictionary<string, string?> { ["AiMaas:Access:TrustClientPrincipal"] = "true" }, Token);

        using var withPrincipal = new HttpClient { BaseAddress = trusted.Client.BaseAddress };
        withPrincipal.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, header);
        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{s_model}/predict", Iris, Token, withPrincipal)).Status);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Api.SendRawAsync(withPrincipal, HttpMethod.Delete, $"api/models/{s_model}/aliases/nothing", Token)).Status);

        using var forged = new HttpClient { BaseAddress = Platform.BaseAddress };
        forged.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, header);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Api.PostAsync($"api/models/{s_model}/predict", Iris, Token, forged)).Status);
    }

    [TestMethod]
    public async Task RequestsPerSecondLimit_Answers429WithRetryAfter()
    {
        using var client = await Keys.ClientWithAsync([$"predict:{s_model}"], Token, limits: new { requestsPerSecond = 1 });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5 && limited is null; i++)
        {
            using var content = new StringContent(Iris, Encoding.UTF8, "application/json");
            var response = await client.PostAsync(new Uri($"api/models/{s_model}/predict", UriKind.Relative), content, Token);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.IsNotNull(limited, string.Join(",", statuses));
        using (limited)
        {
            Assert.AreEqual(HttpStatusCode.OK, statuses[0]);
            Assert.IsTrue(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), limited.Headers.RetryAfter?.ToString());
            Assert.AreEqual("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        }

        // A key without limits is not slowed down by another key's.
        using var unlimited = await Keys.ClientWithAsync([$"predict:{s_model}"], Token);
        for (var i = 0; i < 5; i++)
        {
            Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{s_model}/predict", Iris, Token, unlimited)).Status);
        }
    }

    [TestMethod]
    public async Task RowsPerSecondLimit_CountsRowsOnEveryProtocol()
    {
        using var client = await Keys.ClientWithAsync([$"predict:{s_model}"], Token, limits: new { rowsPerSecond = 3 });
        var threeRows = $"{{\"instances\":[{Row},{Row},{Row}]}}";

        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{s_model}/predict", threeRows, Token, client)).Status);
        var (status, body) = await Api.PostAsync($"v1/models/{s_model}:predict", threeRows, Token, client);

        Assert.AreEqual(HttpStatusCode.TooManyRequests, status, body.ToString());
        StringAssert.Contains(body.GetProperty("detail").GetString(), "rows per second");
    }

    private const string Row = """{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}""";

    private const string Iris = """{"instances":[{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}]}""";

    private async Task<string?> ContentTypeAsync(HttpClient client, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        using var response = await client.SendAsync(request, Token);
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        return response.Content.Headers.ContentType?.MediaType;
    }

    /// <summary>Polls until the answer is <paramref name="expected"/>; returns when the request that first got it was sent.</summary>
    private async Task<TimeSpan> PollUntilAsync(HttpClient client, HttpStatusCode expected, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        var (sent, _) = await Eventually.MatchesAsync(
            async token =>
            {
                var sent = clock.Elapsed;
                return (Sent: sent, (await Api.PostAsync($"api/models/{s_model}/predict", Iris, token, client)).Status);
            },
            answer => answer.Status == expected,
            deadline,
            Token,
            $"predict to answer {expected}");
        return sent;
    }
}
