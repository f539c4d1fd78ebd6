using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace AiMaas.Core.Datasets.Parquet;

/// <summary>
/// Reads an Apache Parquet file one row group at a time: only the current row group's columns are in memory, in their
/// Parquet types, so memory grows with the row group's size and the columns, not the file. Column types come from the
/// schema (numbers are numbers, text, booleans and dates are categories); a null is a missing value. Only flat files:
/// a list, map or struct column is rejected.
/// </summary>
public sealed class ParquetRecords : IDatasetRecords, IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;

    private ParquetRecords(Stream stream, ParquetReader reader, DataField[] fields)
    {
        (_stream, _reader, _fields) = (stream, reader, fields);
        Header = fields.Select(f => f.Name).ToArray();
        DeclaredTypes = fields.Select(f => ParquetColumn.KindOf(f)!.Value).ToArray();
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<ColumnKind>? DeclaredTypes { get; }

    /// <summary>Rows the file holds, from its footer.</summary>
    public long RowCount => _reader.RowGroups.Sum(g => g.RowCount);

    /// <summary>Opens a seekable Parquet stream (Parquet keeps its schema at the end), disposing it with the reader.</summary>
    /// <param name="stream">The Parquet bytes.</param>
    /// <param name="columns">Only these columns, in this order; null for all of them.</param>
    /// <param name="cancellationToken">Cancels reading the footer.</param>
    /// <exception cref="ProblemException">The stream is not a flat Parquet file, or lacks a wanted column.</exception>
    public static async Task<ParquetRecords> OpenAsync(Stream stream, IReadOnlyList<string>? columns, CancellationToken cancellationToken)
    {
        ParquetReader? reader = null;
        try
        {
            try
            {
                reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException)
            {
                throw new ProblemException(Problem.Invalid($"The file is not valid Parquet: {ex.Message}"));
            }

            if (reader.Schema.Fields.FirstOrDefault(f => f.SchemaType != SchemaType.Data) is { } nested)
            {
                throw new ProblemException(Problem.Invalid($"Column '{nested.Name}' is a {nested.SchemaType.ToString().ToLowerInvariant()}; expected flat columns of numbers, text, booleans or dates."));
            }

            var fields = reader.Schema.GetDataFields();
            foreach (var field in fields)
            {
                if (field.IsArray || ParquetColumn.KindOf(field) is null)
                {
                    throw new ProblemException(Problem.Invalid($"Column '{field.Name}' holds {(field.IsArray ? "arrays" : field.ClrType.Name)}; expected numbers, text, booleans or dates."));
                }
            }

            CsvTableReader.ValidateHeader(fields.Select(f => f.Name).ToArray());
            var chosen = columns is null ? fields : columns.Select(c => fields.FirstOrDefault(f => f.Name == c)
                ?? throw new ProblemException(Problem.Invalid($"The Parquet file has no column '{c}' (its columns: {string.Join(", ", fields.Select(f => f.Name))})."))).ToArray();
            var records = new ParquetRecords(stream, reader, chosen);
            reader = null;
            return records;
        }
        finally
        {
            if (reader is not null)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Opens a local Parquet file (training reads datasets from a temporary file).</summary>
    /// <exception cref="ProblemException">The file is not a flat Parquet file.</exception>
    public static ParquetRecords Open(string path) =>
        // Parquet.Net reads asynchronously only; a local file on a worker thread with no synchronisation context cannot deadlock.
        OpenAsync(File.OpenRead(path), columns: null, CancellationToken.None).GetAwaiter().GetResult();

    public async IAsyncEnumerable<string[]> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var g = 0; g < _reader.RowGroupCount; g++)
        {
            var columns = await ReadGroupAsync(g, cancellationToken).ConfigureAwait(false);
            foreach (var row in Rows(columns))
            {
                yield return row;
            }
        }
    }

    /// <exception cref="ProblemException">A row group cannot be decoded, or the file has no rows.</exception>
    public IEnumerable<string[]> ReadAll()
    {
        long rows = 0;
        for (var g = 0; g < _reader.RowGroupCount; g++)
        {
            var columns = ReadGroupAsync(g, CancellationToken.None).GetAwaiter().GetResult();
            foreach (var row in Rows(columns))
            {
                rows++;
                yield return row;
            }
        }

        if (rows == 0)
        {
            throw new ProblemException(Problem.Invalid("The Parquet file has a schema but no data rows."));
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<(ParquetColumn[] Columns, int Rows)> ReadGroupAsync(int index, CancellationToken cancellationToken)
    {
        using var group = _reader.OpenRowGroupReader(index);
        var rows = checked((int)group.RowCount);
        var columns = new ParquetColumn[_fields.Length];
        try
        {
            for (var c = 0; c < _fields.Length; c++)
            {
                columns[c] = await ParquetColumn.ReadAsync(group, _fields[c], rows, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new ProblemException(Problem.Invalid($"Row group {index + 1} of the Parquet file cannot be read: {ex.Message}"));
        }

        return (columns, rows);
    }

    private static IEnumerable<string[]> Rows((ParquetColumn[] Columns, int Rows) group)
    {
        for (var r = 0; r < group.Rows; r++)
        {
            var row = new string[group.Columns.Length];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = group.Columns[c].Format(r);
            }

            yield return row;
        }
    }
}
