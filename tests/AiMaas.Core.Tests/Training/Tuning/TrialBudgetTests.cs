using AiMaas.Core.Training;
using AiMaas.Core.Training.Trainers;
using AiMaas.Core.Training.Tuning;
using Microsoft.Extensions.Time.Testing;

namespace AiMaas.Core.Tests.Training.Tuning;

[TestClass]
public sealed class TrialBudgetTests
{
    private static readonly TrainerOptions Defaults = TrainerOptions.None;

    [TestMethod]
    public void Allows_FirstTrial_IsEstimatedFromOnePassOverTheData()
    {
        var clock = new FakeTimeProvider();

        // One pass over all training rows takes 1.25 s; with 5 folds a fold trains on 4/5 of them: one fold-pass is
        // 1 s. A linear fold is modelled at 2 passes = 2 s, with a reserve of 2 x 1.25 x 1.5 (margin) + 1.25 s for the
        // refit on all rows and the evaluation; lightGbm at 8 passes = 8 s (reserve 16.25 s); with 50 rounds, half that.
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(15), clock.GetTimestamp(), dataPassSeconds: 1.25, refitScale: 1.25);

        Assert.AreEqual(2, budget.EstimateFold(TrainerKind.Linear, Defaults), 1e-9);
        Assert.IsTrue(budget.Allows(TrainerKind.Linear, Defaults), "2 s + 5 s reserve fits in 15 s");
        Assert.IsFalse(budget.Allows(TrainerKind.LightGbm, Defaults), "8 s + 16.25 s does not");
        Assert.IsTrue(budget.Allows(TrainerKind.LightGbm, Options(("numberOfIterations", 50))), "4 s + 8.75 s reserve fits");
    }

    [TestMethod]
    public void Allows_ExpensiveTrainer_StartsWhenOneFoldFits_ThoughAllFoldsWouldNot()
    {
        var clock = new FakeTimeProvider();

        // lightGbm: 8 s a fold; 5 folds (40 s) would not fit in 36 s, one fold and the refit (8 + 15 + 1 s) do.
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(36), clock.GetTimestamp(), dataPassSeconds: 1, refitScale: 1.25);

        Assert.IsTrue(budget.Allows(TrainerKind.LightGbm, Options(("numberOfIterations", 125))));
        clock.Advance(TimeSpan.FromSeconds(8));
        budget.Record(TrainerKind.LightGbm, Options(("numberOfIterations", 125)), 8);
        Assert.IsTrue(budget.AllowsAnotherFold(8), "8 s spent + 8 s + 16 s reserve = 32 s");
        clock.Advance(TimeSpan.FromSeconds(8));
        Assert.IsFalse(budget.AllowsAnotherFold(8), "16 s spent + 8 s + 16 s = 40 s: the trial ends with the folds it has");
    }

    [TestMethod]
    public void Allows_TrialWhoseRefitWouldOverrun_IsNotStarted()
    {
        var clock = new FakeTimeProvider();
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(5), clock.GetTimestamp(), dataPassSeconds: 1.25, refitScale: 1.25);

        Assert.IsFalse(budget.Allows(TrainerKind.Linear, Defaults), "the 2 s fold fits in 5 s, but not with the winner's refit and evaluation after it");
    }

    [TestMethod]
    public void Allows_RefitOnAllRows_IsReservedAtTheSampleToAllRowsScale()
    {
        var clock = new FakeTimeProvider();

        // Tuning on a sample: a fold trains on a tenth of the training rows, so the refit costs ten folds.
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(20), clock.GetTimestamp(), dataPassSeconds: 10, refitScale: 10);

        Assert.AreEqual(2, budget.EstimateFold(TrainerKind.Linear, Defaults), 1e-9, "one fold-pass is 10 s / 10");
        Assert.IsFalse(budget.Allows(TrainerKind.Linear, Defaults), "2 s + 30 s refit (with its margin) + 10 s evaluation > 20 s");
    }

    [TestMethod]
    public void Allows_IsCalibratedByTheTrialsSoFar()
    {
        var clock = new FakeTimeProvider();
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(30), clock.GetTimestamp(), dataPassSeconds: 1, refitScale: 1);

        clock.Advance(TimeSpan.FromSeconds(10));
        budget.Record(TrainerKind.Linear, Defaults, 4);

        Assert.AreEqual(4, budget.EstimateFold(TrainerKind.Linear, Defaults), 1e-9, "the same trainer: its own slowest ratio, 2x the model");
        Assert.AreEqual(16, budget.EstimateFold(TrainerKind.FastTree, Defaults), 1e-9, "a trainer not yet tried: the mean ratio of the others");
        Assert.IsTrue(budget.Allows(TrainerKind.Linear, Defaults), "10 s spent + 4 s + (4 x 1.5 + 1) s reserve = 21 s");
        clock.Advance(TimeSpan.FromSeconds(12));
        Assert.IsFalse(budget.Allows(TrainerKind.Linear, Defaults), "22 s spent + 4 s + 7 s = 33 s");
    }

    private static TrainerOptions Options(params (string Name, double Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));
}
