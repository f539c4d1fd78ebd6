namespace AiMaas.Core.Datasets;

/// <summary>
/// Infers column types in one streaming pass: a column is a number when every non-missing value parses as one, text
/// otherwise. Memory grows with the columns (and at most <see cref="DatasetProfile.DistinctCap"/> values each), not the rows.
/// </summary>
public static class DatasetProfiler
{
    /// <summary>Profiles every remaining row of <paramref name="records"/>, honouring the types the file declares.</summary>
    /// <param name="records">The rows.</param>
    /// <param name="onRows">Called every 100,000 rows with the count read so far, for progress.</param>
    public static DatasetProfile Profile(IDatasetRecords records, Action<long>? onRows = null) =>
        Profile(records.Header, records.ReadAll(), onRows, records.DeclaredTypes);

    /// <param name="header">The column names.</param>
    /// <param name="rows">The data rows, each as wide as the header; read once.</param>
    /// <param name="onRows">Called every 100,000 rows with the count read so far, for progress.</param>
    /// <param name="declared">Types the file declares (Parquet's schema), which win over inference; null to infer every column.</param>
    public static DatasetProfile Profile(IReadOnlyList<string> header, IEnumerable<string[]> rows, Action<long>? onRows = null, IReadOnlyList<ColumnKind>? declared = null)
    {
        var columns = header.Count;
        long count = 0;
        var missing = new long[columns];
        var numeric = Enumerable.Range(0, columns).Select(c => declared is null || declared[c] == ColumnKind.Number).ToArray();
        var distinct = Enumerable.Range(0, columns).Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        foreach (var row in rows)
        {
            count++;
            for (var c = 0; c < columns; c++)
            {
                var value = row[c];
                if (ColumnTypeInference.IsMissing(value))
                {
                    missing[c]++;
                    continue;
                }

                // A value seen before in a column still numeric parsed then: only new ones need parsing (most of a
                // low-cardinality column's values at 1M rows).
                var seen = distinct[c].Count < DatasetProfile.DistinctCap && !distinct[c].Add(value);
                numeric[c] = numeric[c] && (declared is not null || seen || ColumnTypeInference.TryParseNumber(value, out _));
            }

            if (count % 100_000 == 0)
            {
                onRows?.Invoke(count);
            }
        }

        var profiles = Enumerable.Range(0, columns)
            .Select(c => new ColumnProfile(header[c], numeric[c] ? ColumnKind.Number : ColumnKind.Text, (int)Math.Min(int.MaxValue, missing[c]), distinct[c].Count))
            .ToArray();
        return new DatasetProfile(header, profiles, count, distinct);
    }
}
