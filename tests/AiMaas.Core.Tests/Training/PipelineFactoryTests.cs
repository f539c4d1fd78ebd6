using AiMaas.Core.Registry;
using AiMaas.Core.Training;
using AiMaas.Core.Training.Trainers;
using AiMaas.Core.Vocabulary;
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
    [DataRow(TaskKind.Regression, TrainerKind.Lbfgs, "LbfgsPoissonRegression")]
    [DataRow(TaskKind.Binary, TrainerKind.Lbfgs, "LbfgsLogisticRegression")]
    [DataRow(TaskKind.Multiclass, TrainerKind.Lbfgs, "LbfgsMaximumEntropy")]
    [DataRow(TaskKind.Regression, TrainerKind.GradientDescent, "OnlineGradientDescent")]
    [DataRow(TaskKind.Binary, TrainerKind.GradientDescent, "SgdCalibrated")]
    [DataRow(TaskKind.Binary, TrainerKind.Svm, "LinearSvm+Platt")]
    [DataRow(TaskKind.Multiclass, TrainerKind.Svm, "OneVersusAll(LinearSvm)")]
    [DataRow(TaskKind.Regression, TrainerKind.FastForest, "FastForestRegression")]
    [DataRow(TaskKind.Binary, TrainerKind.FastForest, "FastForestBinary+Platt")]
    [DataRow(TaskKind.Multiclass, TrainerKind.FastForest, "OneVersusAll(FastForestBinary)")]
    [DataRow(TaskKind.Regression, TrainerKind.LightGbm, "LightGbmRegression")]
    [DataRow(TaskKind.Binary, TrainerKind.LightGbm, "LightGbmBinary")]
    [DataRow(TaskKind.Multiclass, TrainerKind.LightGbm, "LightGbmMulticlass")]
    public void Create_TaskAndTrainerKind_ChoosesTrainer(TaskKind task, TrainerKind trainer, string expected)
    {
        var (pipeline, description) = PipelineFactory.Create(new MLContext(1), task, trainer, TrainerOptions.None, Features, Context(500));

        Assert.IsNotNull(pipeline);
        Assert.AreEqual(expected, description.Name);
    }

    [TestMethod]
    public void Create_NoThreadsOption_RecordsTheThreadsTheTrainerRanWith()
    {
        var (_, description) = PipelineFactory.Create(new MLContext(1), TaskKind.Binary, TrainerKind.FastTree, TrainerOptions.None, Features, Context(500, threads: 3));

        Assert.AreEqual(3, description.Options["numberOfThreads"]);
    }

    [TestMethod]
    public void Create_GivenOptions_AreRecordedForLineage()
    {
        var options = new TrainerOptions(new Dictionary<string, double> { ["numberOfTrees"] = 7, ["learningRate"] = 0.3 });

        var (_, description) = PipelineFactory.Create(new MLContext(1), TaskKind.Regression, TrainerKind.FastTree, options, Features, Context(500));

        Assert.AreEqual(7.0, description.Options["numberOfTrees"]);
        Assert.AreEqual(0.3, description.Options["learningRate"]);
    }

    [TestMethod]
    [DataRow(TaskKind.Regression, 1.0)]
    [DataRow(TaskKind.Binary, 0.3)]
    [DataRow(TaskKind.Multiclass, 0.3)]
    public void Create_FastForest_DefaultsToDeepTrees_ClassifiersOnAThirdOfTheFeatures(TaskKind task, double featureFraction)
    {
        var (_, description) = PipelineFactory.Create(new MLContext(1), task, TrainerKind.FastForest, TrainerOptions.None, Features, Context(500));

        Assert.AreEqual(256.0, description.Options["numberOfLeaves"]);
        Assert.AreEqual(featureFraction, description.Options["featureFraction"]);
    }

    [TestMethod]
    public void Create_FastForest_GivenOptionsOverrideThePlatformDefaults()
    {
        var options = new TrainerOptions(new Dictionary<string, double> { ["numberOfLeaves"] = 16 });

        var (_, description) = PipelineFactory.Create(new MLContext(1), TaskKind.Binary, TrainerKind.FastForest, options, Features, Context(500));

        Assert.AreEqual(16.0, description.Options["numberOfLeaves"]);
        Assert.AreEqual(0.3, description.Options["featureFraction"]);
    }

    [TestMethod]
    [DataRow(TaskKind.Regression)]
    [DataRow(TaskKind.Binary)]
    [DataRow(TaskKind.Multiclass)]
    public void Create_Linear_RecordsNoLeafSize(TaskKind task)
    {
        var (_, description) = PipelineFactory.Create(new MLContext(1), task, TrainerKind.Linear, TrainerOptions.None, Features, Context(500));

        Assert.IsFalse(description.Options.ContainsKey("minimumExampleCountPerLeaf"));
    }

    [TestMethod]
    [DataRow(10, 1)]
    [DataRow(60, 3)]
    [DataRow(200, 10)]
    [DataRow(100_000, 10)]
    public void Create_FastTree_ScalesLeafSizeWithTrainingRows(int rows, int expectedLeafSize)
    {
        var (_, description) = PipelineFactory.Create(new MLContext(1), TaskKind.Binary, TrainerKind.FastTree, TrainerOptions.None, Features, Context(rows));

        Assert.AreEqual(expectedLeafSize, description.Options["minimumExampleCountPerLeaf"]);
    }

    private static TrainerContext Context(int rows, int threads = 1) => new(rows, Seed: 42, threads);
}
