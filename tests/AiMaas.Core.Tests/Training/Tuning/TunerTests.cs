using AiMaas.Core.Data;
using AiMaas.Core.Datasets;
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
        Assert.IsTrue(tuning.Leaderboard.All(t => t.StandardDeviation is >= 0 && t.Seconds >= 0));
        var winner = Enum.Parse<TrainerKind>(tuning.Winner!.Trainer, ignoreCase: true);
        var (_, expected) = PipelineFactory.Create(new MLContext(1), TaskKind.Binary, winner, new TrainerOptions(tuning.Winner.Options), [new("share", ColumnKind.Number)], new TrainerContext(240, 42, 1));
        Assert.AreEqual(expected.Name, model.Trainer.Name, "the version is the winner, refitted on all training rows");
        Assert.IsTrue(model.Metrics.ContainsKey("auc"), "evaluated on the hold-out as any version");
    }

    [TestMethod]
    public void Search_TimeBudget_StartsNoTrialThatWouldOverrunIt()
    {
        var clock = new FakeTimeProvider();
        var rows = HousesView(200);

        // Each trial "takes" 7 s of a 30 s budget: 0+7, 7+7, 14+7, 21+7 fit; a fifth would end at 35 s.
        var report = Tuner.Search(
            new MLContext(1), TaskKind.Regression, [new("year_built", ColumnKind.Number), new("sqft", ColumnKind.Number)], rows,
            new TuningSpec(Trials: 10, TimeBudgetSeconds: 30, Folds: 2), seed: 42, allowPoisson: true, clock,
            onTrial: (_, _) => clock.Advance(TimeSpan.FromSeconds(7)));

        Assert.HasCount(4, report.Leaderboard);
        Assert.AreEqual(6, report.Skipped);
        Assert.IsTrue(report.Seconds <= 30, $"the search took {report.Seconds} s of a 30 s budget");
        Assert.IsTrue(report.Leaderboard.All(t => t.Seconds == 7));
    }

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
