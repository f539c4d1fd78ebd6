using System.IO.Compression;
using System.Text;
using AiMaas.Core.Datasets;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training.Sources;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Fidelity;

namespace AiMaas.Core.Tests.Training;

/// <summary>A dataset streamed from a file trains exactly the model the same CSV trains in memory.</summary>
[TestClass]
public sealed class FileTrainingSourceTests
{
    public static IEnumerable<object[]> Cases =>
        from task in Enum.GetValues<TaskKind>()
        from regime in Enum.GetValues<FidelityRegime>()
        select new object[] { task, regime };

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Train_FromAFile_EqualsTrainingFromMemory(TaskKind task, FidelityRegime regime)
    {
        var csv = FidelityDatasets.TrainingCsv(regime, task, rows: 400);
        var path = Path.GetTempFileName();
        File.WriteAllText(path, csv);

        var inMemory = Models.Train(csv, FidelityDatasets.Label, task);
        using var file = new FileTrainingSource(path, ownsFile: true);
        var streamed = Models.CreateTrainer().Train(file, Models.Spec(FidelityDatasets.Label, task)).Succeeded();

        Assert.AreEqual(inMemory.Split, streamed.Split);
        CollectionAssert.AreEqual(inMemory.Probe!.Inputs[0].Numbers ?? [], streamed.Probe!.Inputs[0].Numbers ?? [], "hold-out rows");
        foreach (var (name, value) in inMemory.Metrics)
        {
            Assert.AreEqual(value, streamed.Metrics[name], 1e-9, $"{name}: in memory {value}, streamed {streamed.Metrics[name]}");
        }
        CollectionAssert.AreEqual(inMemory.Features.ToArray(), streamed.Features.ToArray());
        CollectionAssert.AreEqual(inMemory.Probe!.Expected.Scores ?? inMemory.Probe.Expected.Probabilities, streamed.Probe!.Expected.Scores ?? streamed.Probe.Expected.Probabilities);
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public async Task Train_FromParquet_EqualsTrainingFromTheSameCsv(TaskKind task, FidelityRegime regime)
    {
        var csv = FidelityDatasets.TrainingCsv(regime, task, rows: 400);
        var path = Path.Combine(Path.GetTempPath(), $"aimaas-test-{Guid.NewGuid():N}.parquet");
        await ParquetFiles.WriteAsync(CsvTableReader.Read(csv), path, rowsPerGroup: 150);

        var inMemory = Models.Train(csv, FidelityDatasets.Label, task);
        using var file = new FileTrainingSource(path, ownsFile: true, format: "data/x.parquet");
        var streamed = Models.CreateTrainer().Train(file, Models.Spec(FidelityDatasets.Label, task)).Succeeded();

        Assert.AreEqual(inMemory.Split, streamed.Split);
        CollectionAssert.AreEqual(inMemory.Features.ToArray(), streamed.Features.ToArray());
        foreach (var (name, value) in inMemory.Metrics)
        {
            Assert.AreEqual(value, streamed.Metrics[name], 1e-9, $"{name}: from CSV {value}, from Parquet {streamed.Metrics[name]}");
        }
    }

    [TestMethod]
    public void Dispose_OwnedFile_DeletesIt()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, FidelityDatasets.TrainingCsv(FidelityRegime.Mixed, TaskKind.Binary, rows: 100));
        using (var file = new FileTrainingSource(path, ownsFile: true))
        {
            Models.CreateTrainer().Train(file, Models.Spec(FidelityDatasets.Label, TaskKind.Binary)).Succeeded();
        }

        Assert.IsFalse(File.Exists(path));
    }

    [TestMethod]
    public void Profile_QuotedTextWithCommasAndQuotes_TrainsWithTheSameCategories()
    {
        var csv = new StringBuilder("size,city,label\n");
        for (var i = 0; i < 60; i++)
        {
            csv.Append(i).Append(",\"Paris, \"\"FR\"\"\",").Append(i % 2 == 0 ? "yes" : "no").Append('\n');
        }

        var path = Path.GetTempFileName();
        File.WriteAllText(path, csv.ToString());
        using var file = new FileTrainingSource(path, ownsFile: true);

        var model = Models.CreateTrainer().Train(file, Models.Spec("label")).Succeeded();

        Assert.AreEqual(TaskKind.Binary, model.Task);
        Assert.AreEqual("Paris, \"FR\"", model.Probe!.Inputs.Single(c => c.Name == "city").Texts![0]);
    }

    [TestMethod]
    public void OpenCsv_GzipName_Decompresses()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("a,b\n1,2\n"u8);
        }

        compressed.Position = 0;
        using var reader = new StreamReader(DatasetFormats.OpenCsv("data/x.csv.gz", compressed));

        Assert.AreEqual("a,b\n1,2\n", reader.ReadToEnd());
    }
}
