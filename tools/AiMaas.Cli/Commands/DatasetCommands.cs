using System.CommandLine;
using System.Text.Json.Nodes;
using AiMaas.Cli.Client;
using Spectre.Console;

namespace AiMaas.Cli.Commands;

/// <summary><c>aimaas datasets push|show</c>: upload a CSV as a stream with a byte progress bar; describe a dataset.</summary>
public static class DatasetCommands
{
    public static Command Create()
    {
        var datasets = new Command("datasets", "Upload and describe CSV datasets");

        var file = new Argument<FileInfo>("FILE") { Description = "The CSV file to upload" };
        var name = new Argument<string?>("NAME") { Description = "The dataset name (default: the file name); may contain '/'", Arity = ArgumentArity.ZeroOrOne };
        var push = new Command("push", "Upload a CSV file, streamed with a progress bar over bytes");
        push.Arguments.Add(file);
        push.Arguments.Add(name);
        push.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            var source = context.Parse.GetValue(file)!;
            if (!source.Exists)
            {
                throw new CliException($"File '{source.FullName}' does not exist.");
            }

            var dataset = context.Parse.GetValue(name) ?? source.Name;
            using var client = context.Client();
            await using var stream = source.OpenRead();
            JsonNode description;
            if (context.Json || Console.IsOutputRedirected)
            {
                description = await UploadAsync(client, dataset, stream, _ => { }, cancellationToken);
            }
            else
            {
                description = null!;
                await context.Console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask(dataset, maxValue: Math.Max(1, source.Length));
                        description = await UploadAsync(client, dataset, stream, sent => task.Value = sent, cancellationToken);
                        task.Value = task.MaxValue;
                    });
            }

            Write(context, description);
            return 0;
        }));

        var showName = new Argument<string>("NAME") { Description = "The dataset name" };
        var show = new Command("show", "Rows, columns with their types, missing and distinct counts");
        show.Arguments.Add(showName);
        show.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            using var client = context.Client();
            Write(context, await client.GetAsync($"api/datasets/{ApiClient.EscapePath(context.Parse.GetValue(showName)!)}", cancellationToken));
            return 0;
        }));

        datasets.Subcommands.Add(push);
        datasets.Subcommands.Add(show);
        return datasets;
    }

    private static Task<JsonNode> UploadAsync(ApiClient client, string dataset, Stream stream, Action<long> sent, CancellationToken cancellationToken)
    {
        var content = new ProgressStreamContent(stream, sent);
        content.Headers.ContentType = ApiClient.Csv;
        return client.SendContentAsync(HttpMethod.Put, $"api/datasets/{ApiClient.EscapePath(dataset)}", content, cancellationToken);
    }

    private static void Write(CliContext context, JsonNode description)
    {
        if (context.Json)
        {
            context.WriteJson(description);
            return;
        }

        context.Console.MarkupLineInterpolated($"[bold]{(string?)description["name"]}[/]: {(long?)description["rows"]} rows, {(long?)description["sizeBytes"]} bytes");
        var table = new Table().AddColumns("column", "type", "missing", "distinct");
        foreach (var column in description["columns"]?.AsArray() ?? [])
        {
            table.AddRow(Text(column?["name"]), Text(column?["type"]), Text(column?["missing"]), Text(column?["distinct"]));
        }

        context.Console.Write(table);
    }

    internal static string Text(JsonNode? node) => Markup.Escape(node?.ToString() ?? "");
}
