namespace AiMaas.Core.Datasets;

/// <summary>A parsed CSV file: a header row and data rows of the same width.</summary>
public sealed class CsvTable(IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
{
    public IReadOnlyList<string> Headers { get; } = headers;

    public IReadOnlyList<string[]> Rows { get; } = rows;

    public int ColumnIndex(string name)
    {
        for (var i = 0; i < Headers.Count; i++)
        {
            if (string.Equals(Headers[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
