using System.Net;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Vocabulary;
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
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var blobs = new List<(string, BlobType?, string)>();
            if (await container.ExistsAsync(cancellationToken))
            {
                await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = model + "/" }, cancellationToken))
                {
                    var content = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
                    blobs.Add((item.Name, item.Properties.BlobType, Encoding.UTF8.GetString(content.Value.Content.ToArray())));
                }
            }

            if (blobs.Sum(b => Lines(b.Item3).Count) >= records || DateTime.UtcNow > deadline)
            {
                return blobs;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    public static IReadOnlyList<JsonElement> Records(IEnumerable<(string Name, BlobType? Type, string Text)> blobs) =>
        blobs.SelectMany(b => Lines(b.Text)).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

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
