using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Support;
using Azure.Storage.Blobs.Models;

namespace AiMaas.IntegrationTests;

/// <summary>Reads the prediction log the way an operator would: the blobs of the <c>predictions</c> container.</summary>
internal static class PredictionLogSupport
{
    public const string Container = "predictions";

    public static async Task<string> TrainIrisWithLoggingAsync(string prefix, string settings, CancellationToken cancellationToken)
    {
        var model = Platform.UniqueName(prefix);
        var job = await Api.TrainIrisAsync(model, cancellationToken);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        var (status, body, _) = await Api.SendAsync(HttpMethod.Put, $"api/models/{model}/logging", settings, cancellationToken);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        return model;
    }

    /// <summary>The blobs under the model's prefix with their text, once at least <paramref name="records"/> lines are there.</summary>
    public static async Task<IReadOnlyList<(string Name, BlobType? Type, string Text)>> WaitForRecordsAsync(string model, int records, CancellationToken cancellationToken)
    {
        var container = Platform.Container(Container);
        return await Eventually.MatchesAsync<IReadOnlyList<(string Name, BlobType? Type, string Text)>>(
            async token =>
            {
                var blobs = new List<(string, BlobType?, string)>();
                if (await container.ExistsAsync(token))
                {
                    await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = model + "/" }, token))
                    {
                        var content = await container.GetBlobClient(item.Name).DownloadContentAsync(token);
                        blobs.Add((item.Name, item.Properties.BlobType, Text(item.Name, content.Value.Content)));
                    }
                }

                return blobs;
            },
            blobs => blobs.Sum(b => Lines(b.Text).Count) >= records,
            TimeSpan.FromSeconds(60),
            cancellationToken,
            $"{records} prediction records of model '{model}'");
    }

    public static IReadOnlyList<JsonElement> Records(IEnumerable<(string Name, BlobType? Type, string Text)> blobs) =>
        blobs.SelectMany(b => Lines(b.Text)).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    /// <summary>A blob's text as an operator would read it: a <c>.gz</c> blob through gunzip.</summary>
    public static string Text(string name, BinaryData content)
    {
        if (!name.EndsWith(".gz", StringComparison.Ordinal))
        {
            return Encoding.UTF8.GetString(content.ToArray());
        }

        using var gzip = new GZipStream(content.ToStream(), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static async Task<(HttpStatusCode Status, JsonElement Body, string? RequestId)> PostWithHeadersAsync(
        string path, string json, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await (client ?? Platform.Client).SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var id = response.Headers.TryGetValues("x-request-id", out var values) ? values.Single() : null;
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), id);
    }
}
