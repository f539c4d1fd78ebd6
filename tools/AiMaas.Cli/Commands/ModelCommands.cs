using System.CommandLine;
using System.Text.Json.Nodes;
using AiMaas.Cli.Client;
using Spectre.Console;

namespace AiMaas.Cli.Commands;

/// <summary><c>aimaas models list|show</c>: models, and one model's versions with their metrics side by side.</summary>
public static class ModelCommands
{
    public static Command Create()
    {
        var models = new Command("models", "Models, their versions and aliases");
        var list = new Command("list", "Every model with its current and latest version");
        list.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            using var client = context.Client();
            var result = await client.GetAsync("api/models", cancellationToken);
            if (context.Json)
            {
                context.WriteJson(result);
                return 0;
            }

            var table = new Table().AddColumns("model", "current", "latest", "updated");
            foreach (var model in result["models"]?.AsArray() ?? [])
            {
                table.AddRow(DatasetCommands.Text(model?["name"]), DatasetCommands.Text(model?["currentVersion"]), DatasetCommands.Text(model?["latestVersion"]), DatasetCommands.Text(model?["updatedAt"]));
            }

            context.Console.Write(table);
            return 0;
        }));

        var name = new Argument<string>("MODEL");
        var show = new Command("show", "A model's aliases and its versions with their metrics side by side");
        show.Arguments.Add(name);
        show.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            using var client = context.Client();
            var details = await client.GetAsync($"api/models/{ApiClient.Escape(context.Parse.GetValue(name)!)}", cancellationToken);
            if (context.Json)
            {
                context.WriteJson(details);
                return 0;
            }

            WriteDetails(context.Console, details);
            return 0;
        }));

        models.Subcommands.Add(list);
        models.Subcommands.Add(show);
        return models;
    }

    private static void WriteDetails(IAnsiConsole console, JsonNode details)
    {
        var aliases = details["aliases"]?.AsObject().Select(a => $"{a.Key} → {a.Value}") ?? [];
        console.MarkupLineInterpolated($"[bold]{(string?)details["name"]}[/]  current {details["currentVersion"]?.ToString() ?? "none"} · latest {(int?)details["latestVersion"]}");
        var aliasText = string.Join(", ", aliases);
        console.MarkupLineInterpolated($"aliases: {(aliasText.Length > 0 ? aliasText : "none")}");
        var versions = details["versions"]?.AsArray().OfType<JsonObject>().ToArray() ?? [];
        var metricNames = versions.SelectMany(v => v["metrics"]?.AsObject().Select(m => m.Key) ?? []).Distinct(StringComparer.Ordinal).ToArray();
        var table = new Table().AddColumns("version", "aliases", "task", "trainer", "created");
        foreach (var metric in metricNames)
        {
            table.AddColumn(new TableColumn(Markup.Escape(metric)).RightAligned());
        }

        foreach (var version in versions)
        {
            var cells = new List<string>
            {
                DatasetCommands.Text(version["version"]),
                Markup.Escape(string.Join(", ", version["aliases"]?.AsArray().Select(x => (string?)x) ?? [])),
                DatasetCommands.Text(version["task"]),
                DatasetCommands.Text(version["trainer"]),
                Markup.Escape(version["createdAt"] is { } created && DateTimeOffset.TryParse((string?)created, System.Globalization.CultureInfo.InvariantCulture, out var at) ? at.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : ""),
            };
            cells.AddRange(metricNames.Select(m => JobView.Format(version["metrics"]?[m])));
            table.AddRow([.. cells]);
        }

        console.Write(table);
    }
}
