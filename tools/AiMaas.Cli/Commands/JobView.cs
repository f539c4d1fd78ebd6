using System.Globalization;
using System.Text.Json.Nodes;
using AiMaas.Cli.Client;
using Spectre.Console;

namespace AiMaas.Cli.Commands;

/// <summary>Follows a training job to its end with a live line (stage, trial i/n, rows), then its metrics and promotion.</summary>
public static class JobView
{
    public static async Task<JsonNode> FollowAsync(CliContext context, ApiClient client, string jobId, TimeSpan poll, CancellationToken cancellationToken)
    {
        var path = $"api/jobs/{ApiClient.Escape(jobId)}";
        var job = await client.GetAsync(path, cancellationToken);
        if (context.Json || Console.IsOutputRedirected)
        {
            string? last = null;
            while (!IsFinished(job))
            {
                // Without a terminal, one line per change of stage or trial, on stderr so stdout stays the result.
                var line = Describe(job);
                if (!context.Json && line != last)
                {
                    await Console.Error.WriteLineAsync(line);
                    last = line;
                }

                await Task.Delay(poll, cancellationToken);
                job = await client.GetAsync(path, cancellationToken);
            }

            return job;
        }

        await context.Console.Status().Spinner(Spinner.Known.Dots).StartAsync(Describe(job), async status =>
        {
            while (!IsFinished(job))
            {
                status.Status(Markup.Escape(Describe(job)));
                await Task.Delay(poll, cancellationToken);
                job = await client.GetAsync(path, cancellationToken);
            }
        });
        return job;
    }

    public static bool IsFinished(JsonNode job) => (string?)job["status"] is "succeeded" or "failed";

    public static bool Succeeded(JsonNode job) => (string?)job["status"] == "succeeded";

    public static string Describe(JsonNode job)
    {
        var parts = new List<string> { $"job {(string?)job["jobId"]}", (string?)job["status"] ?? "?" };
        if (job["progress"] is JsonObject progress)
        {
            parts.Add($"stage {(string?)progress["stage"]}");
            if (progress["trial"] is not null)
            {
                parts.Add($"trial {progress["trial"]}/{progress["trials"]}");
            }

            if (progress["rowsRead"] is not null)
            {
                parts.Add($"{progress["rowsRead"]} rows");
            }

            if (progress["elapsedSeconds"] is { } elapsed)
            {
                parts.Add($"{((double?)elapsed ?? 0).ToString("0.0", CultureInfo.InvariantCulture)} s");
            }
        }

        if ((bool?)job["stalled"] == true)
        {
            parts.Add("stalled: will be retried");
        }

        return string.Join(" · ", parts);
    }

    public static void WriteResult(CliContext context, JsonNode job)
    {
        if (context.Json)
        {
            context.WriteJson(job);
            return;
        }

        if (!Succeeded(job))
        {
            context.Console.MarkupLineInterpolated($"[red]job {(string?)job["jobId"]} {(string?)job["status"]}[/]: {(string?)job["error"] ?? ""}");
            return;
        }

        context.Console.MarkupLineInterpolated($"[green]{(string?)job["model"]} version {(int?)job["version"]}[/] ({(string?)job["task"]}) trained");
        var metrics = new Table().AddColumns("metric", "value");
        foreach (var (name, value) in job["metrics"]?.AsObject() ?? [])
        {
            metrics.AddRow(Markup.Escape(name), Format(value));
        }

        context.Console.Write(metrics);
        if (job["promotion"] is JsonObject promotion)
        {
            var promoted = (bool?)promotion["promoted"] == true;
            context.Console.MarkupLineInterpolated($"{(promoted ? "promoted to current" : "not promoted")}: {(string?)promotion["reason"]}");
        }
    }

    internal static string Format(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString("0.####", CultureInfo.InvariantCulture) : Markup.Escape(value?.ToString() ?? "");
}
