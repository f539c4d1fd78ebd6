using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using AiMaas.Cli.Client;
using Spectre.Console;

namespace AiMaas.Cli.Commands;

/// <summary><c>aimaas train MODEL --dataset --label [--trainer --option k=v --promote] [--wait]</c>.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "The model to train a new version of" };
        var dataset = new Option<string>("--dataset") { Description = "The dataset name", Required = true };
        var label = new Option<string>("--label") { Description = "The column to predict", Required = true };
        var trainer = new Option<string?>("--trainer") { Description = "linear, fastTree, lbfgs, gradientDescent, svm, fastForest, lightGbm or auto" };
        var task = new Option<string?>("--task") { Description = "regression, binary or multiclass (default: inferred from the label)" };
        var options = new Option<string[]>("--option") { Description = "A trainer option as name=value (repeat for more)", AllowMultipleArgumentsPerToken = false };
        var promote = new Option<string?>("--promote") { Description = "Promotion policy: if-better (default), always or never" };
        var wait = new Option<bool>("--wait") { Description = "Follow the job with live progress and end with its metrics; exit 1 if it fails" };
        var poll = new Option<double>("--poll-seconds") { Description = "How often --wait asks for the job", DefaultValueFactory = _ => 1 };

        var train = new Command("train", "Queue a training job for a model on a dataset");
        train.Arguments.Add(model);
        foreach (var option in new Option[] { dataset, label, trainer, task, options, promote, wait, poll })
        {
            train.Options.Add(option);
        }

        train.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            var body = new JsonObject { ["dataset"] = context.Parse.GetValue(dataset), ["label"] = context.Parse.GetValue(label) };
            Add(body, "trainer", context.Parse.GetValue(trainer));
            Add(body, "task", context.Parse.GetValue(task));
            Add(body, "promote", context.Parse.GetValue(promote));
            if (context.Parse.GetValue(options) is { Length: > 0 } pairs)
            {
                body["options"] = Options(pairs);
            }

            using var client = context.Client();
            var job = await client.SendJsonAsync(HttpMethod.Post, $"api/models/{ApiClient.Escape(context.Parse.GetValue(model)!)}/train", body, cancellationToken);
            if (!context.Parse.GetValue(wait))
            {
                if (context.Json)
                {
                    context.WriteJson(job);
                }
                else
                {
                    context.Console.MarkupLineInterpolated($"queued job [bold]{(string?)job["jobId"]}[/]; follow it with: aimaas jobs show {(string?)job["jobId"]} --wait");
                }

                return 0;
            }

            var finished = await JobView.FollowAsync(context, client, (string)job["jobId"]!, TimeSpan.FromSeconds(context.Parse.GetValue(poll)), cancellationToken);
            JobView.WriteResult(context, finished);
            return JobView.Succeeded(finished) ? 0 : 1;
        }));
        return train;
    }

    private static void Add(JsonObject body, string name, string? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }

    // name=value; numbers and booleans keep their JSON type so the server's option validation sees what was meant.
    private static JsonObject Options(IEnumerable<string> pairs)
    {
        var result = new JsonObject();
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new CliException($"--option '{pair}': expected name=value.");
            }

            var value = pair[(at + 1)..];
            result[pair[..at]] = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
                : bool.TryParse(value, out var flag) ? JsonValue.Create(flag)
                : JsonValue.Create(value);
        }

        return result;
    }
}
