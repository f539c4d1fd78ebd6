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

        // One pass takes 1 s, 5 folds: linear is modelled at 5 x 2 passes = 10 s, plus a reserve of 10/4 + 1 s for
        // the refit and evaluation; lightGbm at 5 x 8 passes = 40 s; with 50 rounds, half that.
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(30), clock.GetTimestamp(), folds: 5, dataPassSeconds: 1);

        Assert.AreEqual(10, budget.Estimate(TrainerKind.Linear, Defaults), 1e-9);
        Assert.IsTrue(budget.Allows(TrainerKind.Linear, Defaults), "10 s + 3.5 s reserve fits in 30 s");
        Assert.IsFalse(budget.Allows(TrainerKind.LightGbm, Defaults), "40 s does not");
        Assert.IsTrue(budget.Allows(TrainerKind.LightGbm, Options(("numberOfIterations", 50))), "20 s + 6 s reserve fits");
    }

    [TestMethod]
    public void Allows_TrialWhoseRefitWouldOverrun_IsNotStarted()
    {
        var clock = new FakeTimeProvider();
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(12), clock.GetTimestamp(), folds: 5, dataPassSeconds: 1);

        Assert.IsFalse(budget.Allows(TrainerKind.Linear, Defaults), "the 10 s trial fits in 12 s, but not with the winner's refit and evaluation after it");
    }

    [TestMethod]
    public void Allows_IsCalibratedByTheTrialsSoFar()
    {
        var clock = new FakeTimeProvider();
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(60), clock.GetTimestamp(), folds: 5, dataPassSeconds: 1);

        clock.Advance(TimeSpan.FromSeconds(20));
        budget.Record(TrainerKind.Linear, Defaults, 20);

        Assert.AreEqual(20, budget.Estimate(TrainerKind.Linear, Defaults), 1e-9, "the same trainer: its own slowest ratio, 2x the model");
        Assert.AreEqual(80, budget.Estimate(TrainerKind.FastTree, Defaults), 1e-9, "a trainer not yet tried: the mean ratio of the others");
        Assert.IsTrue(budget.Allows(TrainerKind.Linear, Defaults), "20 s spent + 20 s + (20/4 + 1) s reserve = 46 s");
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.IsFalse(budget.Allows(TrainerKind.Linear, Defaults), "35 s spent + 20 s + 6 s = 61 s");
    }

    [TestMethod]
    public void AllowsRemainingFolds_ProjectsTheTrialFromItsFirstFolds()
    {
        var clock = new FakeTimeProvider();
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(60), clock.GetTimestamp(), folds: 5, dataPassSeconds: 1);

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.IsTrue(budget.AllowsRemainingFolds(foldsDone: 1, trialSeconds: 5), "25 s projected: 5 + 20 + (25/4 + 1) s");
        clock.Advance(TimeSpan.FromSeconds(7));
        Assert.IsFalse(budget.AllowsRemainingFolds(foldsDone: 1, trialSeconds: 12), "60 s projected: 12 + 48 + 16 s");
    }

    private static TrainerOptions Options(params (string Name, double Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));
}
