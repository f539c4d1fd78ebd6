using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace AiMaas.Core.Datasets;

/// <summary>
/// Reads RFC 4180 CSV with a header row one record at a time, so that a file of any size is read in constant memory;
/// rejects what would train a wrong model rather than guessing: no header, duplicate or empty column names, rows of
/// another width, a header with no data rows.
/// </summary>
public sealed class CsvRecords : IDatasetRecords
{
    private readonly CsvParser _parser;
    private long _rows;

    /// <exception cref="ProblemException">The CSV has no usable header row.</exception>
    public CsvRecords(TextReader text)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
        };
        _parser = new CsvParser(text, configuration);
        try
        {
            if (!_parser.Read() || _parser.Record is not { } header || header.All(string.IsNullOrWhiteSpace))
            {
                throw new ProblemException(Problem.Invalid("The CSV is empty: expected a header row naming the columns."));
            }

            CsvTableReader.ValidateHeader(header);
            Header = header;
        }
        catch (CsvHelperException)
        {
            throw new ProblemException(Problem.Invalid($"The CSV is malformed near row {_parser.Row}: expected a header row."));
        }
    }

    public IReadOnlyList<string> Header { get; }

    /// <summary>CSV declares no types: they are inferred from the values.</summary>
    public IReadOnlyList<ColumnKind>? DeclaredTypes => null;

    /// <summary>The current data row, as many fields as the header.</summary>
    public string[] Current { get; private set; } = [];

    /// <summary>Data rows read so far.</summary>
    public long Rows => _rows;

    /// <exception cref="ProblemException">A row has another width than the header, or the CSV is malformed.</exception>
    public bool MoveNext()
    {
        try
        {
            while (_parser.Read())
            {
                var record = _parser.Record!;
                if (record.Length == 1 && string.IsNullOrWhiteSpace(record[0]))
                {
                    continue;
                }

                if (record.Length != Header.Count)
                {
                    throw new ProblemException(Problem.Invalid($"Row {_parser.Row} has {record.Length} fields; the header has {Header.Count}."));
                }

                Current = record;
                _rows++;
                return true;
            }
        }
        catch (CsvHelperException ex)
        {
            throw new ProblemException(Problem.Invalid($"The CSV is malformed near row {_parser.Row}: {ex.GetType().Name}."));
        }

        if (_rows == 0)
        {
            throw new ProblemException(Problem.Invalid("The CSV has a header but no data rows."));
        }

        return false;
    }

    /// <summary>The remaining data rows, read one at a time.</summary>
    public IEnumerable<string[]> ReadAll()
    {
        while (MoveNext())
        {
            yield return Current;
        }
    }

    public void Dispose() => _parser.Dispose();
}
