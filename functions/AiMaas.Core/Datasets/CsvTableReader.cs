using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace AiMaas.Core.Datasets;

/// <summary>Reads RFC 4180 CSV with a header row, rejecting what would train a wrong model rather than guessing.</summary>
public static class CsvTableReader
{
    public static CsvTable Read(Stream csv)
    {
        using var reader = new StreamReader(csv, detectEncodingFromByteOrderMarks: true);
        return Read(reader);
    }

    public static CsvTable Read(string csv)
    {
        using var reader = new StringReader(csv);
        return Read(reader);
    }

    private static CsvTable Read(TextReader text)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
        };
        using var parser = new CsvParser(text, configuration);
        try
        {
            if (!parser.Read() || parser.Record is not { } header || header.All(string.IsNullOrWhiteSpace))
            {
                throw new DatasetFormatException("The CSV is empty: expected a header row naming the columns.");
            }

            ValidateHeader(header);
            var rows = new List<string[]>();
            while (parser.Read())
            {
                var record = parser.Record!;
                if (record.Length == 1 && string.IsNullOrWhiteSpace(record[0]))
                {
                    continue;
                }

                if (record.Length != header.Length)
                {
                    throw new DatasetFormatException(
                        $"Row {parser.Row} has {record.Length} fields; the header has {header.Length}.");
                }

                rows.Add(record);
            }

            if (rows.Count == 0)
            {
                throw new DatasetFormatException("The CSV has a header but no data rows.");
            }

            return new CsvTable(header, rows);
        }
        catch (CsvHelperException ex)
        {
            throw new DatasetFormatException($"The CSV is malformed near row {parser.Row}: {ex.GetType().Name}.");
        }
    }

    private static void ValidateHeader(string[] header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(header[i]))
            {
                throw new DatasetFormatException($"Column {i + 1} of the header row has no name.");
            }

            if (!seen.Add(header[i]))
            {
                throw new DatasetFormatException($"Column name '{header[i]}' appears more than once in the header row.");
            }
        }
    }
}
