using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AiMaas.Core.PredictionLog;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Support;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.IntegrationTests;

/// <summary>The prediction log: one CloudEvents line per predict call on every protocol, in hour partitions of append blobs.</summary>
[TestClass]
public sealed partial class PredictionLogTests
{
    private const string Iris = SampleData.IrisInstance;
    private const string V2Iris = """
        {"inputs":[{"name":"sepal_length","shape":[1],"datatype":"FP32","data":[5.1]},{"name":"sepal_width","shape":[1],"datatype":"FP32","data":[3.5]},
                   {"name":"petal_length","shape":[1],"datatype":"FP32","data":[1.4]},{"name":"petal_width","shape":[1],"datatype":"FP32","data":[0.2]}]}
        """;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task Predict_OnAllThreeProtocols_WritesOneRecordPerRequestInItsHourPartition()
    {
        var model = await PredictionLogSupport.TrainIrisWithLoggingAsync("log-all", """{"enabled": true, "compression": "none"}""", Token);
        const string traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        var api = await PredictionLogSupport.PostWithHeadersAsync($"api/models/{model}/predict", $$"""{"instances":[{{Iris}}]}""",
            new Dictionary<string, string> { ["x-request-id"] = "api-call-1" }, Token);
        var v1 = await PredictionLogSupport.PostWithHeadersAsync($"v1/models/{model}:predict", $$"""{"instances":[{{Iris}},[6.6,3.0,5.6,2.1]]}""",
            new Dictionary<string, string> { ["traceparent"] = traceParent }, Token);
        var v2 = await PredictionLogSupport.PostWithHeadersAsync($"v2/models/{model}/versions/1/infer", V2Iris, new Dictionary<string, string>(), Token);
        var bad = await PredictionLogSupport.PostWithHeadersAsync($"api/models/{model}/predict",
            """{"instances":[{"sepal_length":"x"}]}""", new Dictionary<string, string> { ["x-request-id"] = "api-bad-1" }, Token);

        Assert.AreEqual(HttpStatusCode.OK, api.Status, api.Body.ToString());
        Assert.AreEqual(HttpStatusCode.OK, v1.Status, v1.Body.ToString());
        Assert.AreEqual(HttpStatusCode.OK, v2.Status, v2.Body.ToString());
        Assert.AreEqual(HttpStatusCode.BadRequest, bad.Status);
        Assert.AreEqual("api-call-1", api.RequestId);
        Assert.AreEqual(traceParent, v1.RequestId);
        Assert.IsFalse(string.IsNullOrEmpty(v2.RequestId), "a request without an id gets a generated one in x-request-id");

        var blobs = await PredictionLogSupport.WaitForRecordsAsync(model, 4, Token);
        var records = PredictionLogSupport.Records(blobs);
        Assert.HasCount(4, records);
        foreach (var (name, type, text) in blobs)
        {
            Assert.AreEqual(BlobType.Append, type);
            var match = PartitionPattern().Match(name);
            Assert.IsTrue(match.Success, name);
            Assert.AreEqual(model, match.Groups["model"].Value);
            Assert.AreEqual("1", match.Groups["version"].Value);
            foreach (var line in PredictionLogSupport.Lines(text))
            {
                var time = DateTimeOffset.Parse(System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("time").GetString()!, CultureInfo.InvariantCulture).UtcDateTime;
                Assert.AreEqual(time.ToString("yyyy'/'MM'/'dd'/'HH", CultureInfo.InvariantCulture), match.Groups["hour"].Value, "a record lies in the partition of its hour");
            }
        }

        var byId = records.ToDictionary(r => r.GetProperty("id").GetString()!);
        foreach (var record in records)
        {
            Assert.AreEqual("1.0", record.GetProperty("specversion").GetString());
            Assert.AreEqual($"/models/{model}", record.GetProperty("source").GetString());
            Assert.AreEqual(PredictionRecordSerializer.EventType, record.GetProperty("type").GetString());
            Assert.AreEqual("application/json", record.GetProperty("datacontenttype").GetString());
            Assert.AreEqual(model, record.GetProperty("data").GetProperty("model").GetString());
            Assert.AreEqual(1, record.GetProperty("data").GetProperty("version").GetInt32());
            Assert.IsTrue(record.GetProperty("data").GetProperty("latencyMs").GetDouble() >= 0);
        }

        var apiData = byId["api-call-1"].GetProperty("data");
        Assert.AreEqual("aimaas", apiData.GetProperty("protocol").GetString());
        Assert.AreEqual("current", apiData.GetProperty("alias").GetString());
        Assert.AreEqual(200, apiData.GetProperty("status").GetInt32());
        Assert.AreEqual(5.1, apiData.GetProperty("inputs")[0].GetProperty("sepal_length").GetDouble(), 1e-6);
        Assert.AreEqual("setosa", apiData.GetProperty("outputs")[0].GetProperty("label").GetString());

        var v1Data = byId[traceParent].GetProperty("data");
        Assert.AreEqual("kserve-v1", v1Data.GetProperty("protocol").GetString());
        Assert.AreEqual(2, v1Data.GetProperty("rows").GetInt32());
        Assert.AreEqual("virginica", v1Data.GetProperty("outputs")[1].GetProperty("label").GetString());

        var v2Data = byId[v2.RequestId!].GetProperty("data");
        Assert.AreEqual("open-inference-v2", v2Data.GetProperty("protocol").GetString());
        Assert.IsFalse(v2Data.TryGetProperty("alias", out _), "a request for an explicit version names no alias");

        var badData = byId["api-bad-1"].GetProperty("data");
        Assert.AreEqual(400, badData.GetProperty("status").GetInt32());
        StringAssert.Contains(badData.GetProperty("error").GetString(), "sepal_length");
    }

    [TestMethod]
    public async Task Sampling_HalfTheRequests_RecordsExactlyTheIdsTheHashPicksAndCloseToTheRate()
    {
        var model = await PredictionLogSupport.TrainIrisWithLoggingAsync("log-sample", """{"enabled": true, "samplingRate": 0.5}""", Token);
        var ids = Enumerable.Range(0, 200).Select(i => $"{model}-sample-{i}").ToArray();

        foreach (var id in ids)
        {
            var (status, _, _) = await PredictionLogSupport.PostWithHeadersAsync($"api/models/{model}/predict", $$"""{"instances":[{{Iris}}]}""",
                new Dictionary<string, string> { ["x-request-id"] = id }, Token);
            Assert.AreEqual(HttpStatusCode.OK, status);
        }

        var expected = ids.Where(id => Sampling.IsSampled(id, 0.5)).Order(StringComparer.Ordinal).ToArray();
        var records = PredictionLogSupport.Records(await PredictionLogSupport.WaitForRecordsAsync(model, expected.Length, Token));
        CollectionAssert.AreEqual(expected, records.Select(r => r.GetProperty("id").GetString()).Order(StringComparer.Ordinal).ToArray());
        Assert.IsTrue(expected.Length is > 70 and < 130, $"{expected.Length} of 200 sampled at rate 0.5");
    }

    [TestMethod]
    public async Task Redact_HmacThenDrop_RedactedValuesNeverReachStorage()
    {
        const string key = "integration-test-hmac-key-0123456789abcdef";
        await using var host = await ExtraHost.StartAsync(new Dictionary<string, string?> { ["AiMaas:PredictionLog:HmacKey"] = key }, Token);
        var model = Platform.UniqueName("log-redact");
        Assert.AreEqual(JobStatus.Succeeded, (await Api.TrainIrisAsync(model, Token)).Status);
        var (status, body, etag) = await Send(host.Client, HttpMethod.Put, $"api/models/{model}/logging",
            """{"enabled": true, "redact": ["sepal_length", "petal_width"], "redaction": "hmac"}""", null);
        Assert.AreEqual(HttpStatusCode.OK, status, body);
        const string secretRow = """{"instances":[{"sepal_length":5.123,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.217}]}""";
        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{model}/predict", secretRow, Token, host.Client)).Status);

        var hmacText = string.Concat((await PredictionLogSupport.WaitForRecordsAsync(model, 1, Token)).Select(b => b.Text));
        var inputs = PredictionLogSupport.Records([(model, null, hmacText)])[0].GetProperty("data").GetProperty("inputs")[0];
        Assert.AreEqual("hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), "5.123"u8)),
            inputs.GetProperty("sepal_length").GetString());
        Assert.AreEqual(3.5, inputs.GetProperty("sepal_width").GetDouble(), 1e-6);

        var (stale, _, _) = await Send(host.Client, HttpMethod.Put, $"api/models/{model}/logging", """{"enabled": false}""", "\"0x8D000000000000\"");
        Assert.AreEqual(HttpStatusCode.PreconditionFailed, stale);
        var (dropStatus, dropBody, _) = await Send(host.Client, HttpMethod.Put, $"api/models/{model}/logging",
            """{"enabled": true, "redact": ["sepal_length", "petal_width"], "redaction": "drop"}""", etag);
        Assert.AreEqual(HttpStatusCode.OK, dropStatus, dropBody);
        Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{model}/predict", secretRow, Token, host.Client)).Status);

        var blobs = await PredictionLogSupport.WaitForRecordsAsync(model, 2, Token);
        var text = string.Concat(blobs.Select(b => b.Text));
        Assert.DoesNotContain("5.123", text);
        Assert.DoesNotContain("0.217", text);
        var dropped = PredictionLogSupport.Records(blobs).Select(r => r.GetProperty("data").GetProperty("inputs")[0])
            .Single(i => !i.TryGetProperty("sepal_length", out _));
        Assert.IsFalse(dropped.TryGetProperty("petal_width", out _));
        Assert.AreEqual(1.4, dropped.GetProperty("petal_length").GetDouble(), 1e-6);
    }

    [TestMethod]
    public async Task Predict_WithLogStorageDown_KeepsServingAndCountsTheDrops()
    {
        var deadBlobs = Regex.Replace(Platform.StorageConnectionString, @"BlobEndpoint=http://127\.0\.0\.1:\d+/", "BlobEndpoint=http://127.0.0.1:1/");
        await using var host = await ExtraHost.StartAsync(new Dictionary<string, string?>
        {
            [PredictionLogServiceCollectionExtensions.ConnectionName] = deadBlobs,
            ["AiMaas:PredictionLog:BufferCapacity"] = "10",
            ["AiMaas:PredictionLog:FlushInterval"] = "00:00:00.100",
            ["AiMaas:PredictionLog:WriteTimeout"] = "00:00:02",
        }, Token);
        var model = await PredictionLogSupport.TrainIrisWithLoggingAsync("log-down", """{"enabled": true}""", Token);
        var metrics = host.Services.GetRequiredService<PredictionLogMetrics>();

        // Concurrent, so that more arrive during one failing flush than the buffer holds.
        const int requests = 100;
        var answers = await Task.WhenAll(Enumerable.Range(0, requests).Select(_ =>
            Api.PostAsync($"api/models/{model}/predict", $$"""{"instances":[{{Iris}}]}""", Token, host.Client)));
        foreach (var (status, body) in answers)
        {
            Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        }

        await Eventually.TrueAsync(() => metrics.Dropped >= requests, TimeSpan.FromSeconds(60), Token);

        Assert.AreEqual(requests, metrics.Dropped, $"buffer full: {metrics.DroppedBufferFull}, write failed: {metrics.DroppedWriteFailed}");
        Assert.AreEqual(0, metrics.Written);
        Assert.IsTrue(metrics.DroppedBufferFull > 0, "records beyond the buffer are dropped at once, not waited for");
    }

    [TestMethod]
    public async Task Stop_Graceful_FlushesTheBuffer()
    {
        var model = await PredictionLogSupport.TrainIrisWithLoggingAsync("log-stop", """{"enabled": true}""", Token);
        var host = await ExtraHost.StartAsync(new Dictionary<string, string?>
        {
            ["AiMaas:PredictionLog:FlushInterval"] = "00:10:00",
            ["AiMaas:PredictionLog:FlushRecords"] = "100000",
        }, Token);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{model}/predict", $$"""{"instances":[{{Iris}}]}""", Token, host.Client)).Status);
            }
        }
        finally
        {
            await host.DisposeAsync();
        }

        Assert.HasCount(3, PredictionLogSupport.Records(await PredictionLogSupport.WaitForRecordsAsync(model, 3, Token)));
    }

    [TestMethod]
    public async Task ListPredictions_Paged_ReturnsEveryRecordOnceNewestFirst()
    {
        var model = await PredictionLogSupport.TrainIrisWithLoggingAsync("log-list", """{"enabled": true}""", Token);
        for (var i = 0; i < 5; i++)
        {
            Assert.AreEqual(HttpStatusCode.OK, (await Api.PostAsync($"api/models/{model}/predict", $$"""{"instances":[{{Iris}}]}""", Token)).Status);
        }

        await PredictionLogSupport.WaitForRecordsAsync(model, 5, Token);
        var seen = new List<(DateTimeOffset Time, string Id)>();
        string? token = null;
        do
        {
            var (status, body) = await Api.GetAsync($"api/models/{model}/predictions?limit=2" + (token is null ? "" : "&continuationToken=" + token), Token);
            Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
            var records = body.GetProperty("records").EnumerateArray().ToArray();
            Assert.IsLessThanOrEqualTo(2, records.Length);
            seen.AddRange(records.Select(r => (DateTimeOffset.Parse(r.GetProperty("time").GetString()!, CultureInfo.InvariantCulture), r.GetProperty("id").GetString()!)));
            token = body.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.HasCount(5, seen);
        Assert.HasCount(5, seen.Select(s => s.Id).Distinct());
        CollectionAssert.AreEqual(seen.OrderByDescending(s => s.Time).Select(s => s.Time).ToArray(), seen.Select(s => s.Time).ToArray());

        Assert.AreEqual(HttpStatusCode.BadRequest, (await Api.GetAsync($"api/models/{model}/predictions?limit=0", Token)).Status);
    }

    [TestMethod]
    public async Task Gzip_ByDefault_TwoFlushesIntoOneBlob_ReadBackWithGunzipAndThroughTheApi()
    {
        var model = await PredictionLogSupport.TrainIrisWithLoggingAsync("log-gzip", """{"enabled": true}""", Token);
        var (_, settings) = await Api.GetAsync($"api/models/{model}/logging", Token);
        Assert.AreEqual("gzip", settings.GetProperty("compression").GetString(), "gzip is the default: " + settings);

        // Two waves, each waited for, so the blob gets a second gzip member appended after the first.
        for (var wave = 0; wave < 2; wave++)
        {
            for (var i = 0; i < 3; i++)
            {
                var (status, _, _) = await PredictionLogSupport.PostWithHeadersAsync($"api/models/{model}/predict", $$"""{"instances":[{{Iris}}]}""",
                    new Dictionary<string, string> { ["x-request-id"] = $"{model}-gzip-{wave}-{i}" }, Token);
                Assert.AreEqual(HttpStatusCode.OK, status);
            }

            await PredictionLogSupport.WaitForRecordsAsync(model, 3 * (wave + 1), Token);
        }

        var blobs = await PredictionLogSupport.WaitForRecordsAsync(model, 6, Token);
        var (name, type, _) = blobs.Single();
        Assert.AreEqual(BlobType.Append, type);
        Assert.IsTrue(GzipPartitionPattern().IsMatch(name), name);
        var blob = Platform.Container(PredictionLogSupport.Container).GetBlobClient(name);
        var raw = (await blob.DownloadContentAsync(Token)).Value;
        Assert.AreEqual("application/gzip", raw.Details.ContentType);
        var bytes = raw.Content.ToArray();
        Assert.IsTrue(bytes[0] == 0x1f && bytes[1] == 0x8b, "the blob is gzip as stored, not a transfer encoding");
        var properties = (await blob.GetPropertiesAsync(cancellationToken: Token)).Value;
        Assert.IsGreaterThan(1, properties.BlobCommittedBlockCount, "each flush appended its own block, one gzip member each, and all of them read back as one gzip stream");
        CollectionAssert.AreEquivalent(
            Enumerable.Range(0, 2).SelectMany(w => Enumerable.Range(0, 3).Select(i => $"{model}-gzip-{w}-{i}")).ToArray(),
            PredictionLogSupport.Records(blobs).Select(r => r.GetProperty("id").GetString()).ToArray());

        var (listed, body) = await Api.GetAsync($"api/models/{model}/predictions?limit=10", Token);
        Assert.AreEqual(HttpStatusCode.OK, listed, body.ToString());
        Assert.AreEqual(6, body.GetProperty("records").GetArrayLength(), body.ToString());
    }

    [TestMethod]
    public async Task LoggingSettings_InvalidOrUnknown_AreAnsweredWithProblems()
    {
        var (_, _, multiclass) = await ProtocolModels.GetAsync(Token);

        var (rate, rateBody, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{multiclass}/logging", """{"enabled": true, "samplingRate": 1.5}""", Token);
        var (hmac, hmacBody, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{multiclass}/logging", """{"enabled": true, "redact": ["x"], "redaction": "hmac"}""", Token);
        var (unknown, _) = await Api.GetAsync("api/models/no-such-model-logging/logging", Token);
        var (defaults, defaultsBody) = await Api.GetAsync($"api/models/{multiclass}/logging", Token);

        Assert.AreEqual(HttpStatusCode.BadRequest, rate);
        Assert.IsTrue(rateBody.GetProperty("errors").TryGetProperty("samplingRate", out _), rateBody.ToString());
        Assert.AreEqual(HttpStatusCode.BadRequest, hmac);
        Assert.IsTrue(hmacBody.GetProperty("errors").TryGetProperty("redaction", out _), hmacBody.ToString());
        Assert.AreEqual(HttpStatusCode.NotFound, unknown);
        Assert.AreEqual(HttpStatusCode.OK, defaults);
        Assert.IsFalse(defaultsBody.GetProperty("enabled").GetBoolean(), "logging is off until a model's settings turn it on");
    }

    private async Task<(HttpStatusCode Status, string Body, string? ETag)> Send(HttpClient client, HttpMethod method, string path, string json, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request, Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token), response.Headers.ETag?.ToString());
    }

    [GeneratedRegex(@"^(?<model>[^/]+)/(?<version>[^/]+)/(?<hour>\d{4}/\d{2}/\d{2}/\d{2})/[A-Za-z0-9_-]+-\d{4}\.jsonl$")]
    private static partial Regex PartitionPattern();

    [GeneratedRegex(@"^[^/]+/1/\d{4}/\d{2}/\d{2}/\d{2}/[A-Za-z0-9_-]+-\d{4}\.jsonl\.gz$")]
    private static partial Regex GzipPartitionPattern();
}
