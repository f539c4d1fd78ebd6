using System.IO.Compression;

namespace AiMaas.Core.Datasets;

/// <summary>Datasets are CSV; a blob name ending in <c>.gz</c> is gzip-compressed CSV, read through a decompressing stream.</summary>
public static class DatasetFormats
{
    public static bool IsGzip(string name) => name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The CSV text of <paramref name="stored"/>, decompressed when <paramref name="name"/> says gzip.</summary>
    public static Stream OpenCsv(string name, Stream stored) =>
        IsGzip(name) ? new GZipStream(stored, CompressionMode.Decompress) : stored;
}
