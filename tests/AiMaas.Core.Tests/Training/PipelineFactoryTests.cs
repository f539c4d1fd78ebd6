using AiMaas.Core.Datasets;
using AiMaas.Core.Registry;
using AiMaas.Core.Training;
using Microsoft.ML;

namespace AiMaas.Core.Tests.Training;

[TestClass]
public sealed class PipelineFactoryTests
{
    private static readonly FeatureDefinition[] Features = [new("size", ColumnKind.Number), new("color", ColumnKind.Text)];

    [TestMethod]
    [DataRow(TaskKind.Regression, TrainerKind.Linear, "SdcaRegression")]
    [DataRow(TaskKind.Binary, TrainerKind.Linear, "SdcaLogisticRegression")]
    [DataRow(TaskKind.Multiclass, TrainerKind.Linear, "SdcaMaximumEntropy")]
    [DataRow(TaskKind.Regression, TrainerKind.FastTree, "FastTreeRegression")]
    [DataRow(TaskKind.Binary, TrainerKind.FastTree, "FastTreeBinary")]
    [DataRow(TaskKind.Multiclass, TrainerKind.FastTree, "OneVersusAll(FastTreeBinary)")]
    public void Create_TaskAndTrainerKind_ChoosesTrainer(TaskKind task, TrainerKind trainer, string expected)
    {
        var (pipeline, description) = PipelineFactory.Create(new MLContext(1), task, trainer, Features, 500);

        Assert.IsNotNull(pipeline);
        Assert.AreEqual(expected, description.Name);
        Assert.AreEqual(1, description.Options["numberOfThreads"], "a single thread keeps training reproducible");
    }

    [TestMethod]
    [DataRow(TaskKind.Regression)]
    [DataRow(TaskKind.Binary)]
    [DataRow(TaskKind.Multiclass)]
    public void Create_Linear_RecordsNoLeafSize(TaskKind task)
    {
        var (_, description) = PipelineFactory.Create(new MLContext(1), task, TrainerKind.Linear, Features, 500);

        Assert.IsFalse(description.Options.ContainsKey("minimumExampleCountPerLeaf"));
    }

    [TestMethod]
    [DataRow(10, 1)]
    [DataRow(60, 3)]
    [DataRow(200, 10)]
    [DataRow(100_000, 10)]
    public void Create_FastTree_ScalesLeafSizeWithTrainingRows(int rows, int expectedLeafSize)
    {
        var (_, description) = PipelineFactory.Create(new MLContext(1), TaskKind.Binary, TrainerKind.FastTree, Features, rows);

        Assert.AreEqual(expectedLeafSize, description.Options["minimumExampleCountPerLeaf"]);
    }
}
