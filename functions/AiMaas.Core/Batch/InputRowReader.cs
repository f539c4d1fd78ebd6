using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AiMaas.Core.Datasets.Parquet;
using Azure.Storage.Blobs;

namespace AiMaas.Core.Batch;

/// <summary>
/// Streams the rows of the input blobs in order, one at a time, with the values of the wanted columns only; memory does not
/// depend on the input's size. CSV (with a header row) and JSON lines, either gzipped, and Parquet (one row group at a time).
/// </summary>
public static class InputRowReader
{
    public static IAsyncEnumerable<InputRow> ReadAsync(
        BlobContainerClient container, IReadOnlyList<string> blobs, IReadOnlyList<string> columns, CancellationToken cancellationToken) =>
        ReadAsync(container, blobs, columns, numeric: null, cancellationToken);

    /// <summary>As <see cref="ReadAsync(BlobContainerClient, IReadOnlyList{string}, IReadOnlyList{string}, CancellationToken)"/>; CSV rows come with the <paramref name="numeric"/> columns already parsed (<see cref="InputRow.Numbers"/>).</summary>
    public static async IAsyncEnumerable<InputRow> ReadAsync(
        BlobContainerClient container, IReadOnlyList<string> blobs, IReadOnlyList<string> columns, IReadOnlyList<bool>? numeric, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long number = 0;
        foreach (var name in blobs)
        {
            // Parquet seeks (ranged reads); the text formats are read front to back in one streamed download, which keeps
            // the storage service sending while this side parses (a ranged read stream waits out each 4 MiB request).
            var client = container.GetBlobClient(name);
            var blob = InputFormats.IsParquet(name)
                ? await client.OpenReadAsync(new Azure.Storage.Blobs.Models.BlobOpenReadOptions(allowModifications: false), cancellationToken).ConfigureAwait(false)
                : (await client.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Content;
            await using (blob.ConfigureAwait(false))
            {
                if (InputFormats.IsParquet(name))
                {
                    await foreach (var values in ReadParquetAsync(blob, name, columns, cancellationToken).ConfigureAwait(false))
                    {
                        yield return new InputRow(++number, name, values, null);
                    }

                    continue;
                }

                Stream stream = InputFormats.IsGzip(name) ? new GZipStream(blob, CompressionMode.Decompress) : blob;
                await using (stream.ConfigureAwait(false))
                {
                    using var text = InputFormats.IsJsonLines(name) ? new StreamReader(stream) : null;
                    var rows = text is not null ? ReadJsonLines(text, name, columns, cancellationToken) : CsvRowReader.ReadAsync(stream, name, columns, numeric, cancellationToken);
                    var enumerator = rows.GetAsyncEnumerator(cancellationToken);
                    await using var disposeEnumerator = enumerator.ConfigureAwait(false);
                    while (true)
                    {
                        bool more;
                        try
                        {
                            more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                        }
                        catch (InvalidDataException ex)
                        {
                            throw new ProblemException(Problem.Invalid($"'{name}' is not valid gzip: {ex.Message}"));
                        }

                        if (!more)
                        {
                            break;
                        }

                        var (values, numbers, error) = enumerator.Current;
                        yield return new InputRow(++number, name, values, error, numbers);
                    }
                }
            }
        }
    }

    /// <summary>Parquet is read in place: the blob stream seeks (ranged reads) to the footer, then to one row group at a time.</summary>
    private static async IAsyncEnumerable<string?[]> ReadParquetAsync(Stream blob, string name, IReadOnlyList<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ParquetRecords records;
        try
        {
            records = await ParquetRecords.OpenAsync(blob, columns, cancellationToken).ConfigureAwait(false);
        }
        catch (ProblemException ex)
        {
            throw new ProblemException(Problem.Invalid($"'{name}': {ex.Message}"));
        }

        await using (records.ConfigureAwait(false))
        {
            var rows = records.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using var disposeRows = rows.ConfigureAwait(false);
            while (true)
            {
                try
                {
                    if (!await rows.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (ProblemException ex)
                {
                    throw new ProblemException(Problem.Invalid($"'{name}': {ex.Message}"));
                }

                yield return rows.Current;
            }
        }
    }

    private static async IAsyncEnumerable<(string?[] Values, float[]? Numbers, string? Error)> ReadJsonLines(
        TextReader text, string blob, IReadOnlyList<string> columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _ = blob;
        while (await text.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (values, error) = ParseJsonLine(line, columns);
            yield return (values, null, error);
        }
    }

    private static (string?[] Values, string? Error) ParseJsonLine(string line, IReadOnlyList<string> columns)
    {
        var values = new string?[columns.Count];
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (values, "expected a JSON object mapping column names to values");
            }

            for (var c = 0; c < columns.Count; c++)
            {
                if (!document.RootElement.TryGetProperty(columns[c], out var value))
                {
                    continue;
                }

                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        values[c] = value.GetString();
                        break;
                    case JsonValueKind.Number:
                        values[c] = value.GetRawText();
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        values[c] = value.GetRawText();
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        return (values, $"{columns[c]}: expected a number, a string or null, got {value.ValueKind.ToString().ToLowerInvariant()}");
                }
            }

            return (values, null);
        }
        catch (JsonException ex)
        {
            return (values, $"malformed JSON: {ex.Message}");
        }
    }
}
