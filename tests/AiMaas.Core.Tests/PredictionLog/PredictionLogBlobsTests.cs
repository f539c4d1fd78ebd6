using System.IO.Compression;
using System.Text;
using AiMaas.Core.PredictionLog;

namespace AiMaas.Core.Tests.PredictionLog;

[TestClass]
public sealed class PredictionLogBlobsTests
{
    [TestMethod]
    public void Lines_GzipBlobOfTwoMembers_ReadsTheLinesOfBoth()
    {
        // What a blob holds after two flushes: one gzip member per appended block, back to back.
        var blob = Member("{\"id\":\"a\"}\n{\"id\":\"b\"}\n").Concat(Member("{\"id\":\"c\"}\n")).ToArray();

        var fromDownload = Encoding.UTF8.GetString(PredictionLogBlobs.Lines("m/1/2026/12/02/08/i-0000.jsonl.gz", BinaryData.FromBytes(blob)).Span);
        using var reader = new StreamReader(PredictionLogBlobs.Lines("m/1/2026/12/02/08/i-0000.jsonl.gz", new MemoryStream(blob)));
        var fromStream = reader.ReadToEnd();

        Assert.AreEqual("{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n", fromDownload);
        Assert.AreEqual(fromDownload, fromStream);
    }

    [TestMethod]
    public void Lines_PlainBlob_IsReadAsStored()
    {
        var text = "{\"id\":\"a\"}\n";

        var read = PredictionLogBlobs.Lines("m/1/2026/12/02/08/i-0000.jsonl", BinaryData.FromString(text));

        Assert.AreEqual(text, Encoding.UTF8.GetString(read.Span));
    }

    [TestMethod]
    public void Extension_NamesTheFormat()
    {
        Assert.AreEqual(".jsonl", PredictionLogBlobs.Extension(LogCompression.None));
        Assert.AreEqual(".jsonl.gz", PredictionLogBlobs.Extension(LogCompression.Gzip));
        Assert.IsTrue(PredictionLogBlobs.IsGzip("x" + PredictionLogBlobs.Extension(LogCompression.Gzip)));
        Assert.IsFalse(PredictionLogBlobs.IsGzip("x" + PredictionLogBlobs.Extension(LogCompression.None)));
    }

    private static byte[] Member(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}
