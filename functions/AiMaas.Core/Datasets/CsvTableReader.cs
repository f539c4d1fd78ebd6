
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
        using var records = new CsvRecords(text);
        var rows = new List<string[]>();
        while (records.MoveNext())
        {
            rows.Add(records.Current);
        }

        return new CsvTable(records.Header, rows);
    }

    internal static void ValidateHeader(string[] header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(header[i]))
            {
                throw new ProblemException(Problem.Invalid($"Column {i + 1} of the header row has no name."));
            }

            if (!seen.Add(header[i]))
            {
                throw new ProblemException(Problem.Invalid($"Column name '{header[i]}' appears more than once in the header row."));
            }
        }
    }
}
