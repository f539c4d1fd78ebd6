using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Batch;
using AiMaas.Core.Jobs;
using AiMaas.Tests.Support;

namespace AiMaas.IntegrationTests;

/// <summary>Calls of the AiMaas HTTP API as a user would make them.</summary>
internal static class Api
{
    public static async Task PutDatasetAsync(string name, string csv, CancellationToken cancellationToken)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await Platform.Client.PutAsync(new Uri($"api/datasets/{name}", UriKind.Relative), content, cancellationToken);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public static async Task<JobRecord> TrainAsync(string model, object request, CancellationToken cancellationToken)
    {
        using var response = await Platform.Client.PostAsJsonAsync(new Uri($"api/models/{model}/train", UriKind.Relative), request, cancellationToken);
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        var job = (await response.Content.ReadFromJsonAsync<JobRecord>(Platform.Json, cancellationToken))!;
        Assert.AreEqual($"/api/jobs/{job.JobId}", response.Headers.Location?.OriginalString);
        return await Platform.WaitForJobAsync(job.JobId, cancellationToken);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string json, CancellationToken cancellationToken, HttpClient? client = null)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await (client ?? Platform.Client).PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
        return (response.StatusCode, await ReadAsync(response, cancellationToken));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path, CancellationToken cancellationToken, HttpClient? client = null)
    {
        using var response = await (client ?? Platform.Client).GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return (response.StatusCode, await ReadAsync(response, cancellationToken));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body, string? ETag)> SendAsync(
        HttpMethod method, string path, string? json, CancellationToken cancellationToken, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await Platform.Client.SendAsync(request, cancellationToken);
        return (response.StatusCode, await ReadAsync(response, cancellationToken), response.Headers.ETag?.ToString());
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendRawAsync(HttpClient client, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        using var response = await client.SendAsync(request, cancellationToken);
        return (response.StatusCode, await ReadAsync(response, cancellationToken));
    }

    /// <summary>Trains a version of <paramref name="model"/> from the iris sample and returns the finished job.</summary>
    public static Task<JobRecord> TrainIrisAsync(string model, CancellationToken cancellationToken, string promote = "if-better", string? csv = null) =>
        TrainAsync(model, new { csv = csv ?? SampleData.Read("iris.csv"), label = "species", promote }, cancellationToken);

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The batch job once it has finished, succeeded or failed.</summary>
    public static Task<BatchJob> WaitForBatchAsync(string model, string jobId, CancellationToken cancellationToken) =>
        Eventually.MatchesAsync(
            async token =>
            {
                var (status, body) = await GetAsync($"api/models/{model}/batch/{jobId}", token);
                Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
                return body.Deserialize<BatchJob>(Platform.Json)!;
            },
            job => job.IsFinished,
            TimeSpan.FromMinutes(2),
            cancellationToken,
            $"batch job {jobId} to finish");
}
