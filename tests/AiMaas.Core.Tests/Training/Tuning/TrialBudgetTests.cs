using AiMaas.Core.Training.Tuning;
using Microsoft.Extensions.Time.Testing;

namespace AiMaas.Core.Tests.Training.Tuning;

[TestClass]
public sealed class TrialBudgetTests
{
    [TestMethod]
    public void Allows_TrialThatWouldOverrun_IsNotStarted()
    {
        var clock = new FakeTimeProvider();
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromSeconds(4));
        budget.Record("fastTree", 4);

        Assert.IsTrue(budget.Allows("fastTree"), "4 s spent + 4 s expected fits in 10 s");
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.IsFalse(budget.Allows("fastTree"), "7 s spent + 4 s expected overruns 10 s");
        Assert.IsFalse(budget.Allows("linear"), "an untried trainer is expected to take the mean so far");
    }

    [TestMethod]
    public void Allows_ExpectsTheLongestTrialOfTheSameTrainer()
    {
        var clock = new FakeTimeProvider();
        var budget = new TrialBudget(clock, TimeSpan.FromSeconds(10));
        budget.Record("lightGbm", 1);
        budget.Record("lightGbm", 6);
        budget.Record("linear", 0.5);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.IsFalse(budget.Allows("lightGbm"));
        Assert.IsTrue(budget.Allows("linear"));
    }
}
