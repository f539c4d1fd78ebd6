using System.Text;
using AiMaas.Core.PredictionLog;
using Microsoft.Extensions.Options;

namespace AiMaas.IntegrationTests;

/// <summary>The blob sink against Azurite: a flush larger than an append block goes out as several blocks, cut between lines.</summary>
[TestClass]
public sealed class PredictionLogSinkTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow(LogCompression.None)]
    [DataRow(LogCompression.Gzip)]
    public async Task Append_LinesPastOneAppendBlock_WritesEveryLineWholeInSeveralBlocks(LogCompression compression)
    {
        var container = Platform.Container(Platform.UniqueName("sink"));
        var options = Options.Create(new PredictionLogOptions { InstanceId = "sink-test" });
        using var sink = new BlobPredictionLogSink(new PredictionLogContainer(container), options, TimeProvider.System);
        var partition = $"m/1/2026/12/02/{(int)compression:D2}";

        // 9,000 lines of ~1 KB each, digits so that gzip cannot shrink them below one block: 9 MB, at least three blocks.
        var random = new Random(3);
        var lines = new LogLines();
        var expected = new StringBuilder();
        for (var i = 0; i < 9000; i++)
        {
            var line = $$"""{"id":{{i}},"x":"{{string.Concat(Enumerable.Range(0, 100).Select(_ => random.Next(1_000_000_000).ToString("D9", System.Globalization.CultureInfo.InvariantCulture)))}}"}""";
            Encoding.UTF8.GetBytes(line, lines);
            lines.EndLine();
            expected.Append(line).Append('\n');
        }

        try
        {
            await sink.AppendAsync(partition, compression, lines, TestContext.CancellationToken);

            var name = $"{partition}/sink-test-0000{PredictionLogBlobs.Extension(compression)}";
            var blob = container.GetBlobClient(name);
            var properties = (await blob.GetPropertiesAsync(cancellationToken: TestContext.CancellationToken)).Value;
            Assert.IsGreaterThanOrEqualTo(3, properties.BlobCommittedBlockCount, "9 MB of lines in blocks of at most 4 MiB");
            var text = PredictionLogSupport.Text(name, (await blob.DownloadContentAsync(TestContext.CancellationToken)).Value.Content);
            Assert.AreEqual(expected.ToString(), text, "every line once, whole, in order");
        }
        finally
        {
            await container.DeleteIfExistsAsync(cancellationToken: TestContext.CancellationToken);
        }
    }
}
