using System.Buffers;
using System.Runtime.CompilerServices;

namespace AiMaas.Core.Batch;

/// <summary>
/// Streams the data rows of a UTF-8 CSV with a header row, with the values of the wanted columns only. Reads the input in
/// large blocks and finds fields in the bytes (<see cref="CsvRecordParser"/>); only wanted fields become strings. Memory is
/// one block (grown only for a record longer than a block), whatever the input's size.
/// </summary>
internal static class CsvRowReader
{
    private const int BlockBytes = 1 << 20;

    /// <summary>A single record longer than this is not a CSV row this reader can hold.</summary>
    private const int MaxRecordBytes = 64 << 20;

    /// <param name="stream">The CSV, UTF-8.</param>
    /// <param name="blob">Its name, for messages.</param>
    /// <param name="columns">The columns wanted, in this order.</param>
    /// <param name="numeric">Which of them to parse as numbers here (none when null).</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    public static async IAsyncEnumerable<(string?[] Values, float[]? Numbers, string? Error)> ReadAsync(
        Stream stream, string blob, IReadOnlyList<string> columns, IReadOnlyList<bool>? numeric, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
        var parser = new CsvRecordParser();
        var rows = new List<(string?[] Values, float[]? Numbers, string? Error)>(1024);
        int[]? indexes = null;
        var headerCount = 0;
        int start = 0, end = 0;
        var final = false;
        var first = true;
        try
        {
            while (true)
            {
                if (start > 0)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    buffer = Grow(buffer, end, blob);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                end += read;
                final = read == 0;
                if (first && end - start >= 3)
                {
                    first = false;
                    if (buffer.AsSpan(0, 3).SequenceEqual("\uFEFF"u8))
                    {
                        start = 3;
                    }
                }

                while (start < end)
                {
                    var data = buffer.AsSpan(start, end - start);
                    var consumed = parser.Parse(data, final);
                    if (consumed == 0)
                    {
                        break;
                    }

                    start += consumed;
                    if (parser.FieldCount == 0)
                    {
                        continue;
                    }

                    if (indexes is null)
                    {
                        headerCount = parser.FieldCount;
                        indexes = Header(parser, data, blob, columns);
                        continue;
                    }

                    rows.Add(Row(parser, data, indexes, headerCount, numeric));
                }

                foreach (var row in rows)
                {
                    yield return row;
                }

                rows.Clear();
                cancellationToken.ThrowIfCancellationRequested();
                if (final)
                {
                    yield break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (string?[] Values, float[]? Numbers, string? Error) Row(CsvRecordParser parser, ReadOnlySpan<byte> data, int[] indexes, int headerCount, IReadOnlyList<bool>? numeric)
    {
        var values = new string?[indexes.Length];
        if (parser.Bad || parser.FieldCount != headerCount)
        {
            return (values, null, parser.Bad ? "malformed CSV (a stray quote)" : $"expected {headerCount} fields as in the header, got {parser.FieldCount}");
        }

        var numbers = numeric is null ? null : new float[indexes.Length];
        for (var c = 0; c < indexes.Length; c++)
        {
            if (numbers is null || !numeric![c] || !parser.TryNumber(data, indexes[c], out numbers[c]))
            {
                values[c] = parser.Text(data, indexes[c]);
            }
        }

        return (values, numbers, null);
    }

    private static int[] Header(CsvRecordParser parser, ReadOnlySpan<byte> data, string blob, IReadOnlyList<string> columns)
    {
        var header = new string[parser.FieldCount];
        for (var i = 0; i < header.Length; i++)
        {
            header[i] = parser.Text(data, i);
        }

        var indexes = new int[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            indexes[c] = Array.IndexOf(header, columns[c]);
            if (indexes[c] < 0)
            {
                throw new ProblemException(Problem.Invalid($"'{blob}' has no column '{columns[c]}' (its header: {string.Join(", ", header)})."));
            }
        }

        return indexes;
    }

    private static byte[] Grow(byte[] buffer, int length, string blob)
    {
        if (buffer.Length >= MaxRecordBytes)
        {
            throw new ProblemException(Problem.Invalid($"'{blob}' has a record longer than {MaxRecordBytes >> 20} MiB; is it CSV?"));
        }

        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
