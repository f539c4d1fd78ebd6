using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using AiMaas.Cli.Client;
using Spectre.Console;

namespace AiMaas.Cli.Commands;

/// <summary>
/// <c>aimaas batch submit MODEL --input BLOB_OR_PREFIX [--keep COL ...] [--error-threshold N] [--version N | --alias A] [--wait]</c>
/// and <c>aimaas batch show MODEL JOBID [--wait]</c>: score files in the datasets container server-side, into the results container.
/// </summary>
public static class BatchCommands
{
    public static Command Create()
    {
        var batch = new Command("batch", "Score a dataset blob (or every file under a prefix) server-side");

        var model = new Argument<string>("MODEL");
        var input = new Option<string>("--input") { Description = "A blob name or prefix in the datasets container (push it with 'aimaas datasets push')", Required = true };
        var keep = new Option<string[]>("--keep") { Description = "Input columns copied into the output before the predictions", AllowMultipleArgumentsPerToken = true };
        var threshold = new Option<int?>("--error-threshold") { Description = "Bad rows tolerated before the job fails (-1: never); default 100" };
        var version = new Option<int?>("--version") { Description = "Score with this version" };
        var alias = new Option<string?>("--alias") { Description = "Score with the version this alias points at (default current)" };
        var wait = new Option<bool>("--wait") { Description = "Follow the job to its end; exit 1 if it fails" };
        var poll = new Option<double>("--poll-seconds") { Description = "How often --wait asks for progress", DefaultValueFactory = _ => 1 };
        var submit = new Command("submit", "Queue a batch scoring job");
        submit.Arguments.Add(model);
        submit.Options.Add(input);
        submit.Options.Add(keep);
        submit.Options.Add(threshold);
        submit.Options.Add(version);
        submit.Options.Add(alias);
        submit.Options.Add(wait);
        submit.Options.Add(poll);
        submit.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            var name = ApiClient.Escape(context.Parse.GetValue(model)!);
            var path = (context.Parse.GetValue(version), context.Parse.GetValue(alias)) switch
            {
                ({ }, { }) => throw new CliException("--version and --alias: give one or the other."),
                ({ } v, null) => $"api/models/{name}/versions/{v}/batch",
                (null, { } a) => $"api/models/{name}/aliases/{ApiClient.Escape(a)}/batch",
                _ => $"api/models/{name}/batch",
            };
            var body = new JsonObject { ["input"] = context.Parse.GetValue(input) };
            if (context.Parse.GetValue(keep) is { Length: > 0 } columns)
            {
                body["keepColumns"] = new JsonArray([.. columns.Select(c => JsonValue.Create(c))]);
            }

            if (context.Parse.GetValue(threshold) is { } errors)
            {
                body["errorThreshold"] = errors;
            }

            using var client = context.Client();
            var job = await client.SendJsonAsync(HttpMethod.Post, path, body, cancellationToken);
            return await FinishAsync(context, client, job, context.Parse.GetValue(wait), context.Parse.GetValue(poll), cancellationToken);
        }));

        var showModel = new Argument<string>("MODEL");
        var jobId = new Argument<string>("JOBID");
        var showWait = new Option<bool>("--wait") { Description = "Follow the job to its end; exit 1 if it fails" };
        var show = new Command("show", "A batch job's status, row counts and output blobs");
        show.Arguments.Add(showModel);
        show.Arguments.Add(jobId);
        show.Options.Add(showWait);
        show.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            using var client = context.Client();
            var job = await client.GetAsync(JobPath(context.Parse.GetValue(showModel)!, context.Parse.GetValue(jobId)!), cancellationToken);
            return await FinishAsync(context, client, job, context.Parse.GetValue(showWait), 1, cancellationToken);
        }));

        batch.Subcommands.Add(submit);
        batch.Subcommands.Add(show);
        return batch;
    }

    private static string JobPath(string model, string jobId) => $"api/models/{ApiClient.Escape(model)}/batch/{ApiClient.Escape(jobId)}";

    private static async Task<int> FinishAsync(CliContext context, ApiClient client, JsonNode job, bool wait, double pollSeconds, CancellationToken cancellationToken)
    {
        if (wait)
        {
            var path = JobPath((string)job["model"]!, (string)job["jobId"]!);
            var poll = TimeSpan.FromSeconds(Math.Max(0.05, pollSeconds));
            if (context.Json || Console.IsOutputRedirected)
            {
                string? last = null;
                while (!JobView.IsFinished(job))
                {
                    var line = Describe(job);
                    if (!context.Json && line != last)
                    {
                        await Console.Error.WriteLineAsync(line);
                        last = line;
                    }

                    await Task.Delay(poll, cancellationToken);
                    job = await client.GetAsync(path, cancellationToken);
                }
            }
            else
            {
                await context.Console.Status().StartAsync(Describe(job), async status =>
                {
                    while (!JobView.IsFinished(job))
                    {
                        status.Status(Markup.Escape(Describe(job)));
                        await Task.Delay(poll, cancellationToken);
                        job = await client.GetAsync(path, cancellationToken);
                    }
                });
            }
        }

        if (context.Json)
        {
            context.WriteJson(job);
        }
        else
        {
            context.Console.WriteLine(Describe(job));
            if (JobView.Succeeded(job) && job["outputs"] is JsonObject outputs)
            {
                context.Console.MarkupLineInterpolated($"predictions: {(string?)outputs["container"]}/{(string?)outputs["predictions"]}");
                context.Console.MarkupLineInterpolated($"errors:      {(string?)outputs["container"]}/{(string?)outputs["errors"]}");
            }
        }

        return (string?)job["status"] == "failed" ? 1 : 0;
    }

    private static string Describe(JsonNode job)
    {
        var parts = new List<string> { $"batch {(string?)job["jobId"]}", (string?)job["status"] ?? "?", $"{(string?)job["model"]} v{(int?)job["version"]}" };
        parts.Add($"{(long?)job["rowsScored"] ?? 0} rows scored");
        if ((long?)job["rowsFailed"] is > 0 and var failed)
        {
            parts.Add($"{failed} failed");
        }

        if ((double?)job["rowsPerSecond"] is { } rate)
        {
            parts.Add($"{rate.ToString("0", CultureInfo.InvariantCulture)} rows/s");
        }

        if ((string?)job["error"] is { } error)
        {
            parts.Add(error);
        }

        return string.Join(" · ", parts);
    }
}
