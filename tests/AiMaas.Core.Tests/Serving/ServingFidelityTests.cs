using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;
using AiMaas.Core.Training.Trainers;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Fidelity;

namespace AiMaas.Core.Tests.Serving;

/// <summary>
/// Differential fidelity: for every trainer and task the platform offers (enumerated, so a new trainer is covered
/// without editing this test) and every data regime, the serving path's answers equal ML.NET's own <c>Transform</c>
/// of the same stored model on the same rows, one row at a time, in one batch, and in parallel chunks.
/// </summary>
[TestClass]
public sealed class ServingFidelityTests
{
    private const int PredictionRows = 600;

    public static IEnumerable<object[]> Cases =>
        from trainer in Enum.GetValues<TrainerKind>()
        from task in Enum.GetValues<TaskKind>()
        where TrainerCatalog.Supports(trainer, task)
        from regime in Enum.GetValues<FidelityRegime>()
        select new object[] { trainer, task, regime };

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Score_EveryTrainerTaskAndRegime_EqualsMLNetTransform(TrainerKind trainer, TaskKind task, FidelityRegime regime)
    {
        var model = Models.Train(FidelityDatasets.TrainingCsv(regime, task), FidelityDatasets.Label, task, trainer);
        var rows = FidelityDatasets.PredictionRows(regime, PredictionRows);
        var expected = ReferenceScorer.Score(model.Zip, rows);
        var (transformer, schema) = ModelServing.Load(model);
        var batch = FidelityViews.ToView(schema, rows);

        var sequential = new ModelScorer(transformer, schema, ModelServing.Manifest(model), parallelThreshold: int.MaxValue);
        var parallel = new ModelScorer(transformer, schema, ModelServing.Manifest(model), parallelThreshold: 64);

        Fidelity.AssertAgree("one batch", expected, ScoredOutputs.ToOutputs(sequential.Score(batch)));
        Fidelity.AssertAgree("parallel chunks", expected, ScoredOutputs.ToOutputs(parallel.Score(batch)));
        var single = Enumerable.Range(0, 40)
            .SelectMany(i => ScoredOutputs.ToOutputs(sequential.Score(FidelityViews.ToView(schema, [rows[i]]))))
            .ToArray();
        Fidelity.AssertAgree("one row at a time", expected.Take(40).ToArray(), single);
    }

    [TestMethod]
    public void Score_FastTreeRegressionOnHouses_GivesEachHouseItsOwnPrice()
    {
        // The reported case: splits all lie above 1000, so a probe around the origin saw a constant and served f(0).
        var model = Models.Train(FidelityDatasets.TrainingCsv(FidelityRegime.Houses, TaskKind.Regression), FidelityDatasets.Label, TaskKind.Regression, TrainerKind.FastTree);
        var (transformer, schema) = ModelServing.Load(model);
        var scorer = new ModelScorer(transformer, schema, ModelServing.Manifest(model), parallelThreshold: int.MaxValue);
        FidelityRow House(float year, float sqft) => new(new Dictionary<string, object?> { ["year_built"] = year, ["sqft"] = sqft });
        FidelityRow[] houses = [House(1955, 1200), House(1990, 2500), House(2020, 4800)];

        var served = scorer.Score(FidelityViews.ToView(schema, houses)).Scores!;

        Assert.IsFalse(scorer.IsAffine);
        Assert.HasCount(3, served.Distinct().ToArray(), $"three houses, three prices: {string.Join(", ", served)}");
        Assert.IsTrue(served[0] < served[1] && served[1] < served[2], $"bigger, newer houses cost more: {string.Join(", ", served)}");
        Fidelity.AssertAgree("houses", ReferenceScorer.Score(model.Zip, houses), ScoredOutputs.ToOutputs(scorer.Score(FidelityViews.ToView(schema, houses))));
    }

    [TestMethod]
    public void IsAffine_LinearRegressionOnNumbers_ReadsItsParametersAndOnlyThen()
    {
        var houses = FidelityDatasets.TrainingCsv(FidelityRegime.Houses, TaskKind.Regression);
        var linear = Models.Train(houses, FidelityDatasets.Label, TaskKind.Regression, TrainerKind.Linear);
        var mixed = Models.Train(FidelityDatasets.TrainingCsv(FidelityRegime.Mixed, TaskKind.Regression), FidelityDatasets.Label, TaskKind.Regression, TrainerKind.Linear);
        var binary = Models.Train(FidelityDatasets.TrainingCsv(FidelityRegime.Houses, TaskKind.Binary), FidelityDatasets.Label, TaskKind.Binary, TrainerKind.Linear);

        Assert.IsTrue(Scorer(linear).IsAffine, "a linear regression the platform trained on numbers takes the fast path");
        Assert.IsFalse(Scorer(linear, ModelSources.Upload).IsAffine, "an uploaded pipeline is not the platform's featurizer");
        Assert.IsFalse(Scorer(mixed).IsAffine, "one-hot text features");
        Assert.IsFalse(Scorer(binary).IsAffine, "not a regression");
        Assert.IsFalse(Scorer(Models.Train(houses, FidelityDatasets.Label, TaskKind.Regression, TrainerKind.FastTree)).IsAffine, "trees");
    }

    private static ModelScorer Scorer(TrainedModel model, string source = ModelSources.Training)
    {
        var (transformer, schema) = ModelServing.Load(model);
        return new ModelScorer(transformer, schema, ModelServing.Manifest(model) with { Source = source }, parallelThreshold: int.MaxValue);
    }
}
