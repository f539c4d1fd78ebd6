namespace AiMaas.Core.Datasets;

/// <summary>What one streaming pass learns about a CSV: its columns, their types and counts, and a bounded sample of each column's distinct values.</summary>
public sealed record DatasetProfile(IReadOnlyList<string> Headers, IReadOnlyList<ColumnProfile> Columns, long Rows, IReadOnlyList<IReadOnlySet<string>> DistinctValues)
{
    /// <summary>Distinct values kept per column; a column with more reports this many as its distinct count floor.</summary>
    public const int DistinctCap = 10_000;

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
