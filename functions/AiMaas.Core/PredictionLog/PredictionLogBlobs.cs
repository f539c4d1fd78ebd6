using System.IO.Compression;

namespace AiMaas.Core.PredictionLog;

/// <summary>The names of log blobs and how to read one, plain or gzip-compressed, as a stream of JSON lines.</summary>
public static class PredictionLogBlobs
{
    private const string GzipSuffix = ".gz";

    public static string Extension(LogCompression compression) => compression == LogCompression.Gzip ? ".jsonl" + GzipSuffix : ".jsonl";

    public static bool IsGzip(string blobName) => blobName.EndsWith(GzipSuffix, StringComparison.Ordinal);

    /// <summary>
    /// The blob's JSON lines: a gzip blob is decompressed as it is read (<see cref="GZipStream"/> reads a series of members
    /// as one stream, which is what a blob appended to one member per flush is).
    /// </summary>
    public static Stream Lines(string blobName, Stream content) =>
        IsGzip(blobName) ? new GZipStream(content, CompressionMode.Decompress) : content;

    /// <summary>A downloaded blob's JSON lines, decompressed when the blob is gzip.</summary>
    public static ReadOnlyMemory<byte> Lines(string blobName, BinaryData content)
    {
        if (!IsGzip(blobName))
        {
            return content.ToMemory();
        }

        using var gzip = new GZipStream(content.ToStream(), CompressionMode.Decompress);
        using var lines = new MemoryStream();
        gzip.CopyTo(lines);
        return lines.GetBuffer().AsMemory(0, (int)lines.Length);
    }
}
