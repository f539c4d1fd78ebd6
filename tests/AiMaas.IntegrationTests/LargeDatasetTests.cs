using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

/// <summary>Datasets as users drop them into storage: gzip-compressed, and larger than the old 64 MiB limit.</summary>
[TestClass]
public sealed class LargeDatasetTests
{
    private const long MemoryTargetBytes = 1_500L * 1024 * 1024;

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task Train_GzipBlob_TrainsFromTheDecompressedRows()
    {
        var name = $"it/{Platform.UniqueName("gz")}.csv.gz";
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(path))
            await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            await using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
            {
                await WriteRowsAsync(writer, rows: 2_000);
            }

            await Platform.Container("datasets").GetBlobClient(name).UploadAsync(path, overwrite: true, Token);
            var job = await Api.TrainAsync(Platform.UniqueName("gz"), new { dataset = name, label = "y" }, Token);

            Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
            Assert.IsTrue(job.Metrics!["rSquared"] > 0.9, $"rSquared {job.Metrics["rSquared"]}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task Train_DatasetLargerThanTheOld64MiBLimit_TrainsWithinTheMemoryTarget()
    {
        var name = $"it/{Platform.UniqueName("big")}.csv";
        var path = Path.GetTempFileName();
        try
        {
            await using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)))
            {
                await WriteRowsAsync(writer, rows: 850_000);
            }

            var size = new FileInfo(path).Length;
            Assert.IsGreaterThan(64L * 1024 * 1024, size, "precondition: more than the old limit");
            await Platform.Container("datasets").GetBlobClient(name).UploadAsync(path, overwrite: true, Token);

            using var process = Process.GetCurrentProcess();
            GC.Collect();
            process.Refresh();
            var before = process.WorkingSet64;
            var peak = before;
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(Token);
            var sampler = Task.Run(
                async () =>
                {
                    while (!sampling.IsCancellationRequested)
                    {
                        process.Refresh();
                        peak = Math.Max(peak, process.WorkingSet64);
                        await Task.Delay(100, CancellationToken.None);
                    }
                },
                CancellationToken.None);

            var job = await Api.TrainAsync(Platform.UniqueName("big"), new { dataset = name, label = "y" }, Token);
            await sampling.CancelAsync();
            await sampler;

            Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
            var growth = peak - before;
            TestContext.WriteLine($"{size:N0}-byte CSV: the test process (app, runtime and tests) grew by {growth / 1048576:N0} MiB at most while training");
            Assert.IsLessThan(MemoryTargetBytes, growth, $"grew by {growth / 1048576} MiB");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>y = 3a - 2b + 0.001c + noise over eight columns of numbers in the thousands, some negative, a few missing.</summary>
    private static async Task WriteRowsAsync(StreamWriter writer, int rows)
    {
        var random = new Random(64);
        await writer.WriteLineAsync("a,b,c,d,e,f,g,h,y");
        var line = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            var values = Enumerable.Range(0, 8).Select(_ => (random.NextDouble() * 20_000) - 5_000).ToArray();
            var y = (3 * values[0]) - (2 * values[1]) + (0.001 * values[2]) + (random.NextDouble() * 10);
            line.Clear();
            foreach (var value in values)
            {
                line.Append(i % 97 == 0 && value > 10_000 ? "" : value.ToString("F3", CultureInfo.InvariantCulture)).Append(',');
            }

            line.Append(y.ToString("F3", CultureInfo.InvariantCulture));
            await writer.WriteLineAsync(line);
        }
    }
}
