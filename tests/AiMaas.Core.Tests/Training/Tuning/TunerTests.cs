using AiMaas.Core.Data;
using AiMaas.Core.Datasets;
using AiMaas.Core.Registry;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;
using AiMaas.Core.Training.Trainers;
using AiMaas.Core.Training.Tuning;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Fidelity;
using Microsoft.Extensions.Time.Testing;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Tests.Training.Tuning;

[TestClass]
public sealed class TunerTests
{
    [TestMethod]
    public void Train_Auto_RecordsALeaderboardBestFirstAndRefitsTheWinner()
    {
        var csv = FidelityDatasets.TrainingCsv(FidelityRegime.Mixed, TaskKind.Binary, rows: 300);
        var spec = Models.Spec(FidelityDatasets.Label, TaskKind.Binary) with { Tuning = new TuningSpec(Trials: 6, TimeBudgetSeconds: 600, Folds: 3) };

        var model = Models.CreateTrainer().Train(CsvTableReader.Read(csv), spec).Succeeded();

        var tuning = model.Tuning!;
        Assert.AreEqual("auc", tuning.Metric);
        Assert.AreEqual(3, tuning.Folds);
        Assert.HasCount(6, tuning.Leaderboard);
        CollectionAssert.IsSubsetOf(
            new[] { "lightGbm", "linear", "fastTree", "fastForest", "lbfgs" },
            tuning.Leaderboard.Select(t => t.Trainer).ToArray(),
            "every family that trains the task is tried with its defaults first");
        var means = tuning.Leaderboard.Select(t => t.Mean!.Value).ToArray();
        CollectionAssert.AreEqual(means.OrderDescending().ToArray(), means, "best first");
        Assert.IsTrue(tuning.Leaderboard.All(t => t.StandardDeviation is >= 0 && t.Seconds >= 0 && t.Folds == 3));
        Assert.AreEqual(((long)model.Split.TrainRows, (long)model.Split.TrainRows), (tuning.TuningRows!.Value, tuning.TrainingRows!.Value), "a small dataset is tuned on all its training rows");
        var winner = Enum.Parse<TrainerKind>(tuning.Winner!.Trainer, ignoreCase: true);
        var (_, expected) = PipelineFactory.Create(new MLContext(1), TaskKind.Binary, winner, new TrainerOptions(tuning.Winner.Options), [new("share", ColumnKind.Number)], new TrainerContext(240, 42, 1));
        Assert.AreEqual(expected.Name, model.Trainer.Name, "the version is the winner, refitted on all training rows");
        Assert.IsTrue(model.Metrics.ContainsKey("auc"), "evaluated on the hold-out as any version");
    }

    [TestMethod]
    public void Search_TimeBudget_LeavesRoomForTheRefitAndEvaluation()
    {
        var clock = new FakeTimeProvider();
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(30), clock.GetTimestamp(), dataPassSeconds: 1, refitScale: 2);

        // Every fold "takes" 3.5 s, whatever the cost model expected.
        var report = Search(clock, budget, new TuningSpec(Trials: 10, TimeBudgetSeconds: 30, Folds: 2), foldSeconds: 3.5);

        Assert.IsGreaterThanOrEqualTo(1, report.Leaderboard.Count);
        Assert.IsGreaterThanOrEqualTo(1, report.Skipped);
        Assert.AreEqual(10, report.Leaderboard.Count + report.Skipped);
        var refit = (report.Leaderboard.Max(t => t.Seconds / t.Folds) * 2 * 1.5) + 1;
        Assert.IsLessThanOrEqualTo(30, report.Seconds + refit, $"the search took {report.Seconds} s and the refit needs about {refit} s of a 30 s budget");
    }

    [TestMethod]
    public void Search_TrialRunningLongerThanExpected_IsScoredOnTheFoldsThatFit()
    {
        var clock = new FakeTimeProvider();
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(60), clock.GetTimestamp(), dataPassSeconds: 0.001, refitScale: 1.5);

        // The first trial (lightGbm) takes 3 x 10 s; the second (linear), expected at 2.5 s a fold from it, takes 10 s
        // a fold too: after its first fold (40 s), another 10 s and a 22.5 s refit reserve would end at 72.5 s, so it ends there,
        // scored on that one fold. Nothing else fits.
        var report = Search(clock, budget, new TuningSpec(Trials: 10, TimeBudgetSeconds: 60, Folds: 3), foldSeconds: 10);

        Assert.HasCount(2, report.Leaderboard);
        Assert.IsTrue(report.Leaderboard.All(t => t.Error is null && t.Mean is not null));
        var lightGbm = report.Leaderboard.Single(t => t.Trainer == "lightGbm");
        var linear = report.Leaderboard.Single(t => t.Trainer == "linear");
        Assert.AreEqual((3, 30.0), (lightGbm.Folds, lightGbm.Seconds));
        Assert.AreEqual((1, 10.0), (linear.Folds, linear.Seconds));
        Assert.AreEqual(40, report.Seconds, 1e-9);
        Assert.AreEqual(8, report.Skipped);
    }

    [TestMethod]
    public void Search_FirstCandidateSkippedByTheUncalibratedModel_RunsOnceTheTrialsShowItFits()
    {
        var clock = new FakeTimeProvider();
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(30), clock.GetTimestamp(), dataPassSeconds: 2.5, refitScale: 2);

        // lightGbm first: a fold modelled at 10 s with a 32.5 s reserve, more than 30 s. Every fold then takes 0.5 s
        // (a fifth of what linear's model expects), and the calibrated model lets lightGbm's defaults run after all.
        var report = Search(clock, budget, new TuningSpec(Trials: 6, TimeBudgetSeconds: 30, Folds: 2), foldSeconds: 0.5);

        Assert.AreEqual(0, report.Skipped);
        var first = report.Leaderboard.Single(t => t.Trial == 1);
        Assert.AreEqual("lightGbm", first.Trainer);
        Assert.AreEqual(0, first.Options.Count, "the defaults");
        Assert.AreEqual(2, first.Folds, "all folds, once calibrated");
        Assert.IsLessThanOrEqualTo(30, report.Seconds);
    }

    private static TuningReport Search(FakeTimeProvider clock, TrialBudget budget, TuningSpec spec, double foldSeconds) =>
        Tuner.Search(
            new MLContext(1), TaskKind.Regression, [new("year_built", ColumnKind.Number), new("sqft", ColumnKind.Number)], HousesView(200),
            spec, seed: 42, allowPoisson: true, budget, clock,
            onFold: (_, _, _) => clock.Advance(TimeSpan.FromSeconds(foldSeconds)));

    private static TabularDataView HousesView(int count)
    {
        var table = CsvTableReader.Read(FidelityDatasets.TrainingCsv(FidelityRegime.Houses, TaskKind.Regression, count));
        float Number(string[] row, int index) => ColumnTypeInference.TryParseNumber(row[index], out var value) ? value : float.NaN;
        var columns = new[] { "year_built", "sqft", FidelityDatasets.Label }
            .Select(name => (Array)table.Rows.Select(r => Number(r, table.ColumnIndex(name))).ToArray())
            .Append(Enumerable.Range(0, table.Rows.Count).Select(i => (double)i).ToArray())
            .ToArray();
        var schema = TabularDataView.CreateSchema(
            [("year_built", NumberDataViewType.Single), ("sqft", NumberDataViewType.Single), ("__aimaas_label__", NumberDataViewType.Single), ("__aimaas_row__", NumberDataViewType.Double)]);
        return new TabularDataView(schema, columns, table.Rows.Count);
    }
}
