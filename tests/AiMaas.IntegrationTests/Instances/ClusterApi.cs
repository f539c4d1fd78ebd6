using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Jobs;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests.Instances;

/// <summary>API calls the instance tests make against one chosen instance.</summary>
internal static class ClusterApi
{
    public static readonly string IrisRow = $$"""{"instances":[{{SampleData.IrisInstance}}]}""";

    /// <summary>A small regression dataset (y = 2a + 3b + noise), fast to train; <paramref name="seed"/> varies the rows.</summary>
    public static string SmallCsv(int seed, int rows = 40)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("a,b,y\n");
        for (var i = 0; i < rows; i++)
        {
            var a = Math.Round(random.NextDouble() * 10, 3);
            var b = Math.Round(random.NextDouble() * 10, 3);
            var y = Math.Round((2 * a) + (3 * b) + random.NextDouble(), 3);
            csv.Append(CultureInfo.InvariantCulture, $"{a},{b},{y}\n");
        }

        return csv.ToString();
    }

    public static async Task<JobRecord> SubmitAsync(RuntimeProcess instance, string model, object request, CancellationToken cancellationToken)
    {
        var (status, body) = await Api.PostAsync($"api/models/{model}/train", JsonSerializer.Serialize(request), cancellationToken, instance.Client);
        Assert.AreEqual(HttpStatusCode.Accepted, status, $"{instance}: {body}");
        return body.Deserialize<JobRecord>(Platform.Json)!;
    }

    public static async Task<JobRecord?> GetJobAsync(RuntimeProcess instance, string jobId, CancellationToken cancellationToken)
    {
        using var response = await instance.Client.GetAsync(new Uri($"api/jobs/{jobId}", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JobRecord>(Platform.Json, cancellationToken) : null;
    }

    public static Task<JobRecord> WaitForJobAsync(RuntimeProcess instance, string jobId, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        WaitForJobAsync(instance, jobId, j => j.IsFinished, cancellationToken, timeout);

    public static async Task<JobRecord> WaitForJobAsync(
        RuntimeProcess instance, string jobId, Func<JobRecord, bool> condition, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        (await Poll.UntilAsync(
            token => GetJobAsync(instance, jobId, token),
            job => job is not null && condition(job),
            timeout ?? TimeSpan.FromMinutes(3),
            $"job {jobId} reaching the expected state (read through {instance})",
            cancellationToken))!;

    /// <summary>Trains through <paramref name="instance"/> and waits for the job; asserts it succeeded.</summary>
    public static async Task<int> TrainAsync(RuntimeProcess instance, string model, string promote, int seed, CancellationToken cancellationToken)
    {
        var job = await SubmitAsync(instance, model, new { csv = SmallCsv(seed), label = "y", promote }, cancellationToken);
        var finished = await WaitForJobAsync(instance, job.JobId, cancellationToken);
        Assert.AreEqual(JobStatus.Succeeded, finished.Status, finished.Error);
        return finished.Version!.Value;
    }

    /// <summary>The predicting version (0 with the status when not 200).</summary>
    public static Task<(HttpStatusCode Status, int Version)> PredictAsync(RuntimeProcess instance, string path, CancellationToken cancellationToken) =>
        PredictAsync(instance.Client, path, cancellationToken);

    public static async Task<(HttpStatusCode Status, int Version)> PredictAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        var (status, body) = await Api.PostAsync(path, """{"instances":[{"a":1.5,"b":2.5}]}""", cancellationToken, client);
        return (status, status == HttpStatusCode.OK ? body.GetProperty("version").GetInt32() : 0);
    }

    public static async Task<int[]> VersionNumbersAsync(RuntimeProcess instance, string model, CancellationToken cancellationToken)
    {
        var (status, body) = await Api.GetAsync($"api/models/{model}/versions?pageSize=100", cancellationToken, instance.Client);
        Assert.AreEqual(HttpStatusCode.OK, status, body.ToString());
        return body.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).Order().ToArray();
    }
}
