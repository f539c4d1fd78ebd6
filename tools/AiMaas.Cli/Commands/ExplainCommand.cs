using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace AiMaas.Cli.Commands;

/// <summary>
/// <c>aimaas explain MODEL --input rows.csv|rows.jsonl [--version N] [--top K]</c>: why the model predicts what it does,
/// per row: the prediction, the base value and each input column's contribution, largest first.
/// </summary>
public static class ExplainCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL");
        var input = new Option<FileInfo>("--input") { Description = "Rows to explain: a CSV with a header, or JSON lines", Required = true };
        var version = new Option<int?>("--version") { Description = "Explain this version instead of the current one" };
        var top = new Option<int>("--top") { Description = "Columns shown per row in the table (--json has them all)", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch-size") { Description = "Rows per request", DefaultValueFactory = _ => 100 };
        var explain = new Command("explain", "Explain predictions: each column's contribution, per row");
        explain.Arguments.Add(model);
        explain.Options.Add(input);
        explain.Options.Add(version);
        explain.Options.Add(top);
        explain.Options.Add(batch);
        explain.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            var name = context.Parse.GetValue(model)!;
            var source = RowFile.Existing(context.Parse.GetValue(input)!);
            var batchSize = RowFile.CheckBatchSize(context.Parse.GetValue(batch));
            using var client = context.Client();
            var path = RowFile.Route(name, context.Parse.GetValue(version), "explain");
            JsonObject? combined = null;
            var row = 0;
            await foreach (var rows in RowFile.ReadBatchesAsync(client, name, source, batchSize, cancellationToken))
            {
                var result = await client.SendJsonAsync(HttpMethod.Post, path, new JsonObject { ["instances"] = new JsonArray([.. rows]) }, cancellationToken);
                var explanations = result["explanations"]?.AsArray() ?? [];
                if (context.Json)
                {
                    // One document for the whole file: the first answer's model, version and output, every row's explanation.
                    combined ??= new JsonObject { ["model"] = result["model"]?.DeepClone(), ["version"] = result["version"]?.DeepClone(), ["output"] = result["output"]?.DeepClone(), ["explanations"] = new JsonArray() };
                    foreach (var explanation in explanations)
                    {
                        combined["explanations"]!.AsArray().Add(explanation?.DeepClone());
                    }

                    continue;
                }

                foreach (var explanation in explanations)
                {
                    Write(context, row++, result, explanation!, context.Parse.GetValue(top));
                }
            }

            if (context.Json)
            {
                context.WriteJson(combined ?? new JsonObject { ["model"] = name, ["explanations"] = new JsonArray() });
            }

            return 0;
        }));
        return explain;
    }

    private static void Write(CliContext context, int row, JsonNode result, JsonNode explanation, int top)
    {
        var prediction = explanation["prediction"];
        var label = (string?)prediction?["label"];
        context.Console.MarkupLineInterpolated(
            $"[bold]row {row}[/] {(string?)result["model"]} v{(int?)result["version"]}: {prediction?.ToJsonString() ?? ""} ({(string?)explanation["method"]}, {(string?)result["output"]})");
        var table = new Table().AddColumns("column", "contribution");

        // Multiclass answers are keyed by class first: show the predicted class's.
        var contributions = explanation["contributions"] as JsonObject ?? [];
        var baseValue = explanation["baseValue"];
        if (label is not null && contributions[label] is JsonObject perClass)
        {
            contributions = perClass;
            baseValue = baseValue?[label];
        }

        table.AddRow("(base value)", JobView.Format(baseValue));
        var largest = contributions
            .Select(c => (c.Key, c.Value, Magnitude: c.Value is JsonValue number && number.TryGetValue<double>(out var d) ? Math.Abs(d) : 0))
            .OrderByDescending(c => c.Magnitude)
            .Take(top);
        foreach (var (column, value, _) in largest)
        {
            table.AddRow(Markup.Escape(column), JobView.Format(value));
        }

        context.Console.Write(table);
    }
}
