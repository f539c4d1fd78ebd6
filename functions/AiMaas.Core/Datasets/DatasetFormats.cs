using System.IO.Compression;
using System.Text;
using AiMaas.Core.Datasets.Parquet;

namespace AiMaas.Core.Datasets;

/// <summary>
/// Datasets are CSV, told by the blob name: a name ending in <c>.gz</c> is gzip-compressed CSV, read through a
/// decompressing stream; a name ending in <c>.parquet</c> is Apache Parquet.
/// </summary>
public static class DatasetFormats
{
    public static bool IsGzip(string name) => name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    public static bool IsParquet(string name) => name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    public static string ContentType(string name) => IsParquet(name) ? "application/vnd.apache.parquet" : IsGzip(name) ? "application/gzip" : "text/csv";

    /// <summary>The CSV text of <paramref name="stored"/>, decompressed when <paramref name="name"/> says gzip.</summary>
    public static Stream OpenCsv(string name, Stream stored) =>
        IsGzip(name) ? new GZipStream(stored, CompressionMode.Decompress) : stored;

    /// <summary>The rows of a local file holding the dataset <paramref name="name"/> as stored (gzip still compressed).</summary>
    /// <exception cref="ProblemException">The file is not in the format its name says.</exception>
    public static IDatasetRecords OpenFile(string path, string name) => IsParquet(name)
        ? ParquetRecords.Open(path)
        : new CsvRecords(new StreamReader(OpenCsv(name, File.OpenRead(path)), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));
}
