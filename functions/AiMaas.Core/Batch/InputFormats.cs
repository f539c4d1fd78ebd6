namespace AiMaas.Core.Batch;

/// <summary>The input formats a batch job reads, told by the blob name's extension.</summary>
public static class InputFormats
{
    public static bool IsGzip(string blob) => blob.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    public static bool IsJsonLines(string blob) => Strip(blob) is var name
        && (name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase));

    public static bool IsCsv(string blob) => Strip(blob).EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    public static bool IsParquet(string blob) => blob.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    public static bool IsSupported(string blob) => IsCsv(blob) || IsJsonLines(blob) || IsParquet(blob);

    public const string Supported = ".csv, .csv.gz, .jsonl, .jsonl.gz, .ndjson, .ndjson.gz, .parquet";

    private static string Strip(string blob) => IsGzip(blob) ? blob[..^3] : blob;
}
