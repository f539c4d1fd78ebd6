namespace AiMaas.Core.PredictionLog;

/// <summary>How a model's log blobs are stored.</summary>
public enum LogCompression
{
    /// <summary>Plain JSON lines, <c>.jsonl</c>: readable as downloaded, in any blob viewer.</summary>
    None,

    /// <summary>
    /// JSON lines gzip-compressed, <c>.jsonl.gz</c>: each appended block is one gzip member, and a series of members is one
    /// valid gzip file (RFC 1952), so the blob reads with gunzip, zcat, pandas or DuckDB. About a quarter of the bytes; the default.
    /// </summary>
    Gzip,
}
