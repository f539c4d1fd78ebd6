namespace AiMaas.Core.Datasets;

/// <summary>A dataset's rows read once, in order, in constant memory: CSV (<see cref="CsvRecords"/>) or Parquet (<see cref="Parquet.ParquetRecords"/>).</summary>
public interface IDatasetRecords : IDisposable
{
    IReadOnlyList<string> Header { get; }

    /// <summary>Column types the file itself declares (Parquet's schema), or null when they must be inferred from the values (CSV).</summary>
    IReadOnlyList<ColumnKind>? DeclaredTypes { get; }

    /// <summary>The remaining data rows, as wide as the header; a missing value is the empty string.</summary>
    IEnumerable<string[]> ReadAll();
}
