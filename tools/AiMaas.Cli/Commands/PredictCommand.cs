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
            var source = context.Parse.GetValue(input)!;
            if (!source.Exists)
            {
                throw new CliException($"File '{source.FullName}' does not exist.");
            }

            var batchSize = context.Parse.GetValue(batch);
            if (batchSize is < 1 or > 10_000)
            {
                throw new CliException("--batch-size: expected a whole number from 1 to 10000.");
            }

            using var client = context.Client();
            var path = context.Parse.GetValue(version) is { } v
                ? $"api/models/{ApiClient.Escape(name)}/versions/{v}/predict"
                : $"api/models/{ApiClient.Escape(name)}/predict";
            var numberFeatures = await NumberFeaturesAsync(client, name, cancellationToken);
            var target = context.Parse.GetValue(output);
            var csvOut = target?.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase) == true;
            using var reader = new StreamReader(source.OpenRead());
            await using var writer = target is null ? null : new StreamWriter(target.Create());
            var sink = writer ?? Console.Out;
            string[]? header = null;
            long rows = 0;
            await foreach (var rowBatch in Batches(Rows(reader, source.Extension, numberFeatures), batchSize).WithCancellation(cancellationToken))
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

    // The model's own contract says which features are numbers; everything else is sent as text.
    internal static async Task<HashSet<string>> NumberFeaturesAsync(ApiClient client, string model, CancellationToken cancellationToken)
    {
        var document = await client.GetAsync($"api/models/{ApiClient.Escape(model)}/openapi.json", cancellationToken);
        var properties = document["components"]?["schemas"]?["Instance"]?["properties"]?.AsObject() ?? [];
        return [.. properties.Where(p => p.Value?["type"]?.ToJsonString().Contains("\"number\"", StringComparison.Ordinal) == true).Select(p => p.Key)];
    }

    internal static async IAsyncEnumerable<JsonObject> Rows(StreamReader reader, string extension, HashSet<string> numberFeatures)
    {
        var csv = extension.Equals(".csv", StringComparison.OrdinalIgnoreCase);
        List<string>? header = null;
        var lineNumber = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (!csv)
            {
                yield return JsonNode.Parse(line) as JsonObject ?? throw new CliException($"line {lineNumber}: expected a JSON object");
                continue;
            }

            if (header is null)
            {
                header = CsvLine.Split(line);
                continue;
            }

            var fields = CsvLine.Split(line);
            var row = new JsonObject();
            for (var i = 0; i < header.Count && i < fields.Count; i++)
            {
                row[header[i]] = Value(fields[i], numberFeatures.Contains(header[i]));
            }

            yield return row;
        }
    }

    private static JsonValue? Value(string field, bool number) =>
        field.Length == 0 ? null
        : number && double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? JsonValue.Create(value)
        : JsonValue.Create(field);

    internal static async IAsyncEnumerable<List<JsonObject>> Batches(IAsyncEnumerable<JsonObject> rows, int size)
    {
        var batch = new List<JsonObject>(size);
        await foreach (var row in rows)
        {
            batch.Add(row);
            if (batch.Count == size)
            {
                yield return batch;
                batch = new List<JsonObject>(size);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
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
