using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AiMaas.Cli.Client;

namespace AiMaas.Cli.Commands;

/// <summary>
/// A file of rows to send to a model (a CSV with a header, or JSON lines), read as a stream and sent in batches:
/// what <c>predict</c> and <c>explain</c> share, so both read files, type values and check options alike.
/// </summary>
internal static class RowFile
{
    public static FileInfo Existing(FileInfo file) =>
        file.Exists ? file : throw new CliException($"File '{file.FullName}' does not exist.");

    public static int CheckBatchSize(int size) =>
        size is >= 1 and <= 10_000 ? size : throw new CliException("--batch-size: expected a whole number from 1 to 10000.");

    /// <summary>The model's <paramref name="action"/> route: its current version's, or <paramref name="version"/>'s when given.</summary>
    public static string Route(string model, int? version, string action) =>
        version is { } v ? $"api/models/{ApiClient.Escape(model)}/versions/{v}/{action}" : $"api/models/{ApiClient.Escape(model)}/{action}";

    /// <summary>The file's rows in batches of <paramref name="size"/>, each value typed as the model's contract says.</summary>
    public static async IAsyncEnumerable<List<JsonObject>> ReadBatchesAsync(
        ApiClient client, string model, FileInfo source, int size, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var numberFeatures = await NumberFeaturesAsync(client, model, cancellationToken);
        using var reader = new StreamReader(source.OpenRead());
        await foreach (var batch in Batches(Rows(reader, source.Extension, numberFeatures), size).WithCancellation(cancellationToken))
        {
            yield return batch;
        }
    }

    // The model's own contract says which features are numbers; everything else is sent as text.
    private static async Task<HashSet<string>> NumberFeaturesAsync(ApiClient client, string model, CancellationToken cancellationToken)
    {
        var document = await client.GetAsync($"api/models/{ApiClient.Escape(model)}/openapi.json", cancellationToken);
        var properties = document["components"]?["schemas"]?["Instance"]?["properties"]?.AsObject() ?? [];
        return [.. properties.Where(p => p.Value?["type"]?.ToJsonString().Contains("\"number\"", StringComparison.Ordinal) == true).Select(p => p.Key)];
    }

    private static async IAsyncEnumerable<JsonObject> Rows(StreamReader reader, string extension, HashSet<string> numberFeatures)
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

    private static async IAsyncEnumerable<List<JsonObject>> Batches(IAsyncEnumerable<JsonObject> rows, int size)
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
}
