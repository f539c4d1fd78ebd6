using System.Globalization;
using AiMaas.Core.Datasets;
using AiMaas.Core.Evaluation;
using AiMaas.Core.Registry;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;
using AiMaas.Core.Training.Trainers;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Fidelity;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Tests.Training;

[TestClass]
public sealed class ModelTrainerTests
{
    [TestMethod]
    public void Train_RegressionData_LearnsTheRelationship()
    {
        var model = Models.Regression;

        Assert.AreEqual(TaskKind.Regression, model.Task);
        Assert.AreEqual("SdcaRegression", model.Trainer.Name);
        CollectionAssert.AreEqual(
            new[] { new FeatureDefinition("a", ColumnKind.Number), new FeatureDefinition("b", ColumnKind.Number), new FeatureDefinition("color", ColumnKind.Text) },
            model.Features.ToArray());
        Assert.IsNull(model.Classes);
        CollectionAssert.AreEquivalent(new[] { "rSquared", "rmse", "mae" }, model.Metrics.Keys.ToArray());
        Assert.IsGreaterThan(0.8, model.Metrics["rSquared"]);
        Assert.IsLessThan(4.0, model.Metrics["rmse"], "the target spans about 60; most error comes from the few missing inputs");
        Assert.IsLessThanOrEqualTo(model.Metrics["rmse"], model.Metrics["mae"]);
    }

    [TestMethod]
    public void Train_BinaryYesNoData_LearnsTheBoundary()
    {
        var model = Models.Binary;

        Assert.AreEqual(TaskKind.Binary, model.Task);
        Assert.AreEqual("SdcaLogisticRegression", model.Trainer.Name);
        CollectionAssert.AreEqual(
            new[] { new FeatureDefinition("x1", ColumnKind.Number), new FeatureDefinition("x2", ColumnKind.Number), new FeatureDefinition("segment", ColumnKind.Text) },
            model.Features.ToArray());
        Assert.IsNull(model.Classes);
        CollectionAssert.AreEquivalent(new[] { "auc", "accuracy", "f1", "logLoss" }, model.Metrics.Keys.ToArray());
        Assert.IsGreaterThan(0.9, model.Metrics["auc"]);
        Assert.IsGreaterThan(0.8, model.Metrics["accuracy"]);
        Assert.IsGreaterThan(0.8, model.Metrics["f1"]);
        Assert.IsLessThan(0.6, model.Metrics["logLoss"]);
    }

    [TestMethod]
    public void Train_MulticlassData_LearnsTheClassesInScoreOrder()
    {
        var model = Models.Multiclass;

        Assert.AreEqual(TaskKind.Multiclass, model.Task);
        Assert.AreEqual("SdcaMaximumEntropy", model.Trainer.Name);
        CollectionAssert.AreEqual(
            new[] { new FeatureDefinition("petal_length", ColumnKind.Number), new FeatureDefinition("petal_width", ColumnKind.Number) },
            model.Features.ToArray());
        Assert.IsNotNull(model.Classes);
        CollectionAssert.AreEquivalent(TestData.Species, model.Classes.ToArray());
        CollectionAssert.AreEquivalent(new[] { "macroAccuracy", "microAccuracy", "logLoss" }, model.Metrics.Keys.ToArray());
        Assert.IsGreaterThan(0.9, model.Metrics["macroAccuracy"]);
        Assert.IsGreaterThan(0.9, model.Metrics["microAccuracy"]);
        Assert.IsLessThan(0.8, model.Metrics["logLoss"]);
    }

    [TestMethod]
    public void Train_AnyTask_SplitRowCountsAddUp()
    {
        foreach (var (model, rows) in new[] { (Models.Regression, 200), (Models.Binary, 240), (Models.Multiclass, 180) })
        {
            var split = model.Split;
            Assert.AreEqual(rows, split.TrainRows + split.TestRows + split.SkippedRows, model.Task.ToString());
            Assert.AreEqual(0, split.SkippedRows);
            Assert.AreEqual(0.2, split.TestFraction);
            Assert.AreEqual(42, split.Seed);
            Assert.IsGreaterThan(rows / 10, split.TestRows, "about a fifth of the rows are held out");
            Assert.IsLessThan(rows * 3 / 10, split.TestRows);
        }
    }

    [TestMethod]
    public void Train_RowsWithMissingLabel_AreSkippedAndCounted()
    {
        var lines = TestData.Regression(rows: 100).TrimEnd('\n').Split('\n');
        for (var i = 10; i < lines.Length; i += 10)
        {
            lines[i] = lines[i][..(lines[i].LastIndexOf(',') + 1)];
        }

        var model = Models.Train(string.Join('\n', lines), "y");

        Assert.AreEqual(10, model.Split.SkippedRows);
        Assert.AreEqual(90, model.Split.TrainRows + model.Split.TestRows);
    }

    [TestMethod]
    public void Train_ColumnWithNoValues_IsNotAFeature()
    {
        var csv = string.Join('\n', TestData.Regression(rows: 60).TrimEnd('\n').Split('\n').Select((line, i) => line + (i == 0 ? ",empty" : ",")));

        var model = Models.Train(csv, "y");

        CollectionAssert.AreEqual(new[] { "a", "b", "color" }, model.Features.Select(f => f.Name).ToArray());
    }

    [TestMethod]
    [DataRow(TaskKind.Regression)]
    [DataRow(TaskKind.Binary)]
    [DataRow(TaskKind.Multiclass)]
    public void Train_SavedModel_LoadsWithFeaturesAloneAsInput(TaskKind task)
    {
        var model = Trained(task);

        var transformer = new MLContext().Model.Load(new MemoryStream(model.Zip), out var schema);

        Assert.IsNotNull(transformer);
        CollectionAssert.AreEqual(model.Features.Select(f => f.Name).ToArray(), schema.Select(c => c.Name).ToArray(), "the label is not an input");
        foreach (var feature in model.Features)
        {
            var expected = feature.Type == ColumnKind.Number ? (DataViewType)NumberDataViewType.Single : TextDataViewType.Instance;
            Assert.AreEqual(expected, schema[feature.Name].Type, feature.Name);
        }
    }

    public static IEnumerable<object[]> TrainersAndTasks =>
        from trainer in Enum.GetValues<TrainerKind>()
        from task in Enum.GetValues<TaskKind>()
        where TrainerCatalog.Supports(trainer, task)
        select new object[] { trainer, task };

    [TestMethod]
    [DynamicData(nameof(TrainersAndTasks))]
    public void Train_SameDataAndSeed_GivesIdenticalModels(TrainerKind trainer, TaskKind task)
    {
        // Default threads where the trainer is reproducible on them; one thread (what the README advises) where not.
        var csv = FidelityDatasets.TrainingCsv(FidelityRegime.Mixed, task, rows: 300);
        var spec = Models.Spec(FidelityDatasets.Label, task, trainer) with
        {
            Options = TrainerCatalog.Get(trainer).ReproducibleOnManyThreads
                ? TrainerOptions.None
                : new TrainerOptions(new Dictionary<string, double> { [TrainerRecipe.Threads] = 1 }),
        };

        var first = Models.CreateTrainer().Train(CsvTableReader.Read(csv), spec).Succeeded();
        var second = Models.CreateTrainer().Train(CsvTableReader.Read(csv), spec).Succeeded();

        CollectionAssert.AreEquivalent(first.Metrics.ToArray(), second.Metrics.ToArray());
        Assert.AreEqual(first.Split, second.Split);
        CollectionAssert.AreEqual(first.Probe!.Expected.Scores ?? first.Probe.Expected.Probabilities, second.Probe!.Expected.Scores ?? second.Probe.Expected.Probabilities);
    }

    [TestMethod]
    public void Train_DifferentSeed_RecordsSeedAndEvaluatesDifferently()
    {
        var csv = TestData.Regression(rows: 120);
        var first = Models.CreateTrainer().Train(CsvTableReader.Read(csv), Models.Spec("y")).Succeeded();
        var second = Models.CreateTrainer(o => o.TrainingSeed = 7).Train(CsvTableReader.Read(csv), Models.Spec("y")).Succeeded();

        Assert.AreEqual(7, second.Split.Seed);
        CollectionAssert.AreNotEquivalent(first.Metrics.ToArray(), second.Metrics.ToArray(), "the seed is what makes retraining reproducible");
    }

    [TestMethod]
    [DataRow(TaskKind.Regression, "FastTreeRegression")]
    [DataRow(TaskKind.Binary, "FastTreeBinary")]
    public void Train_FastTree_TrainsAndLearns(TaskKind task, string trainerName)
    {
        var (csv, label) = Dataset(task);

        var model = Models.Train(csv, label, task, TrainerKind.FastTree);

        AssertFastTreeModel(model, task, trainerName);
    }

    [TestMethod]
    public void Train_FastTreeMulticlass_TrainsAndLearns()
    {
        var (csv, label) = Dataset(TaskKind.Multiclass);

        var model = Models.Train(csv, label, TaskKind.Multiclass, TrainerKind.FastTree);

        AssertFastTreeModel(model, TaskKind.Multiclass, "OneVersusAll(FastTreeBinary)");
    }

    [TestMethod]
    public void Train_BinaryWithRarePositiveClass_ReportsAccuracyWithoutAuc()
    {
        // 40 rows, 4 of them 'yes', all among the rows the default seed (42) trains on: the held-out rows are all 'no'.
        var ml = new MLContext(1);
        var numbered = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new NumberedRow { Row = i }));
        var heldOut = RowSplit.TrainTest(ml, numbered, 0.2, seed: 42).TestSet.GetColumn<double>(ColumnNames.Row).Select(r => (int)r).ToHashSet();
        var positives = Enumerable.Range(0, 40).Where(i => !heldOut.Contains(i)).Where((_, k) => k % 8 == 7).ToHashSet();
        Assert.HasCount(4, positives);
        var csv = TestData.Csv(new[] { "x,rare" }.Concat(Enumerable.Range(0, 40).Select(i => $"{i},{(positives.Contains(i) ? "yes" : "no")}")).ToArray());
        var model = Models.Train(csv, "rare");

        Assert.IsTrue(model.Metrics.ContainsKey("accuracy"));
        Assert.IsFalse(model.Metrics.ContainsKey("auc"));
    }

    [TestMethod]
    public void Evaluate_EmptyTestSet_ReportsNoMetrics()
    {
        // The split keyed on row numbers holds out at least one row even of tiny datasets; the evaluator must still
        // report nothing, not ML.NET's zeros (a perfect RMSE), when there is no row to evaluate on.
        var model = Models.Regression;
        var (transformer, schema) = ModelServing.Load(model);
        var empty = new AiMaas.Core.Data.TabularDataView(schema, schema.Select(c => c.Type is Microsoft.ML.Data.TextDataViewType ? (Array)Array.Empty<ReadOnlyMemory<char>>() : Array.Empty<float>()).ToArray(), 0);

        var metrics = MetricsCalculator.Evaluate(new Microsoft.ML.MLContext(1), TaskKind.Regression, transformer.Transform(empty), testRows: 0);

        Assert.IsEmpty(metrics);
    }

    [TestMethod]
    public void Train_FewerLabelledRowsThanMinimum_Fails()
    {
        var lines = TestData.Regression(rows: 30).TrimEnd('\n').Split('\n');
        for (var i = 4; i < lines.Length; i++)
        {
            lines[i] = lines[i][..(lines[i].LastIndexOf(',') + 1)];
        }

        var problem = Models.TryTrain(string.Join('\n', lines), "y").Problem();

        Assert.Contains("at least 10", problem.Detail);
    }

    [TestMethod]
    public void Train_FewerRowsThanMinimum_FailsSayingHowManyAreNeeded()
    {
        var csv = TestData.Regression(rows: 9);

        var problem = Models.TryTrain(csv, "y").Problem();

        Assert.Contains("9 rows", problem.Detail);
        Assert.Contains("at least 10", problem.Detail);
    }

    [TestMethod]
    public void Train_UnknownLabelColumn_FailsNamingTheColumnAndTheColumnsThereAre()
    {
        var problem = Models.TryTrain(TestData.Regression(rows: 20), "price").Problem();

        Assert.StartsWith("label:", problem.Detail);
        Assert.Contains("'price'", problem.Detail);
        Assert.Contains("'a', 'b', 'color', 'y'", problem.Detail);
    }

    [TestMethod]
    public void Train_LabelIsTheOnlyColumn_FailsSayingThereAreNoFeatures()
    {
        var csv = TestData.Csv(new[] { "y" }.Concat(Enumerable.Range(0, 20).Select(i => i.ToString(CultureInfo.InvariantCulture))).ToArray());

        var problem = Models.TryTrain(csv, "y").Problem();

        Assert.Contains("no feature columns", problem.Detail);
    }

    [TestMethod]
    public void Train_TextLabelForRegression_FailsNamingTheColumn()
    {
        var problem = Models.TryTrain(TestData.Multiclass(rows: 30), "species", TaskKind.Regression).Problem();

        Assert.Contains("'species'", problem.Detail);
    }

    private static void AssertFastTreeModel(TrainedModel model, TaskKind task, string trainerName)
    {
        Assert.AreEqual(task, model.Task);
        Assert.AreEqual(trainerName, model.Trainer.Name);
        Assert.AreEqual(model.Split.TrainRows / 20, model.Trainer.Options["minimumExampleCountPerLeaf"], "small datasets get smaller leaves");
        var quality = task switch
        {
            TaskKind.Regression => model.Metrics["rSquared"],
            TaskKind.Binary => model.Metrics["auc"],
            _ => model.Metrics["microAccuracy"],
        };
        Assert.IsGreaterThan(0.7, quality);
        new MLContext().Model.Load(new MemoryStream(model.Zip), out var schema);
        CollectionAssert.AreEqual(model.Features.Select(f => f.Name).ToArray(), schema.Select(c => c.Name).ToArray());
    }

    private static TrainedModel Trained(TaskKind task) => task switch
    {
        TaskKind.Regression => Models.Regression,
        TaskKind.Binary => Models.Binary,
        _ => Models.Multiclass,
    };

    private static (string Csv, string Label) Dataset(TaskKind task) => task switch
    {
        TaskKind.Regression => (TestData.Regression(rows: 200), "y"),
        TaskKind.Binary => (TestData.Binary(rows: 120), "bought"),
        _ => (TestData.Multiclass(rows: 120), "species"),
    };

    private sealed class NumberedRow
    {
        [ColumnName(ColumnNames.Row)]
        public double Row { get; set; }
    }
}
