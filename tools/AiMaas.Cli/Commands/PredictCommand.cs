using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using AiMaas.Cli.Client;
using Spectre.Console;

namespace AiMaas.Cli.Commands;

/// <summary>
/// <c>aimaas predict MODEL --input rows.csv|rows.jsonl [--output out.csv|out.jsonl]</c>: reads and writes both files as
/// streams, sending the rows in batches, so the file size is bounded by disk, not memory.
/// </summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL");
        var input = new Option<FileInfo>("--input") { Description = "Rows to score: a CSV with a header, or JSON lines (one object per line)", Required = true };
        var output = new Option<FileInfo?>("--output") { Description = "Where to write predictions: .csv (flattened) or .jsonl; default stdout as JSON lines" };
        var version = new Option<int?>("--version") { Description = "Score with this version instead of the current one" };
        var batch = new Option<int>("--batch-size") { Description = "Rows per request", DefaultValueFactory = _ => 500 };
        var predict = new Command("predict", "Score a file of rows in batches");
        predict.Arguments.Add(model);
        predict.Options.Add(input);
        predict.Options.Add(output);
        predict.Options.Add(version);
        predict.Options.Add(batch);
        predict.SetAction(CliContext.Run(async (context, cancellationToken) =>
        {
            var name = context.Parse.GetValue(model)!;
            var source = RowFile.Existing(context.Parse.GetValue(input)!);
            var batchSize = RowFile.CheckBatchSize(context.Parse.GetValue(batch));
            using var client = context.Client();
            var path = RowFile.Route(name, context.Parse.GetValue(version), "predict");
            var target = context.Parse.GetValue(output);
            var csvOut = target?.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) == true;
            await using var writer = target is null ? null : new StreamWriter(target.Create());
            var sink = writer ?? Console.Out;
            string[]? header = null;
            long rows = 0;
            await foreach (var rowBatch in RowFile.ReadBatchesAsync(client, name, source, batchSize, cancellationToken))
            {
                var result = await client.SendJsonAsync(HttpMethod.Post, path, new JsonObject { ["instances"] = new JsonArray([.. rowBatch]) }, cancellationToken);
                foreach (var prediction in result["predictions"]?.AsArray() ?? [])
                {
                    if (csvOut)
                    {
                        var flat = Flatten(prediction);
                        if (header is null)
                        {
                            header = [.. flat.Keys];
                            await sink.WriteLineAsync(CsvLine.Join(["row", .. header]));
                        }

                        await sink.WriteLineAsync(CsvLine.Join([rows.ToString(CultureInfo.InvariantCulture), .. header.Select(h => flat.GetValueOrDefault(h))]));
                    }
                    else
                    {
                        await sink.WriteLineAsync(prediction?.ToJsonString());
                    }

                    rows++;
                }
            }

            if (target is not null)
            {
                if (context.Json)
                {
                    context.WriteJson(new JsonObject { ["model"] = name, ["rows"] = rows, ["output"] = target.FullName });
                }
                else
                {
                    context.Console.MarkupLineInterpolated($"{rows} predictions written to {target.FullName}");
                }
            }

            return 0;
        }));
        return predict;
    }

    private static Dictionary<string, string?> Flatten(JsonNode? prediction)
    {
        var flat = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in prediction?.AsObject() ?? [])
        {
            if (value is JsonObject nested)
            {
                foreach (var (inner, innerValue) in nested)
                {
                    flat[$"{key}.{inner}"] = innerValue?.ToString();
                }
            }
            else
            {
                flat[key] = value?.ToString();
            }
        }

        return flat;
    }
}
