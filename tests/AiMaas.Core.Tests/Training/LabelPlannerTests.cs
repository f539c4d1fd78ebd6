using AiMaas.Core.Datasets;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Training;

[TestClass]
public sealed class LabelPlannerTests
{
    [TestMethod]
    public void Plan_NumericLabel_InfersRegression()
    {
        var plan = Plan(["1.5", "2", "7.25", "3"]);

        Assert.AreEqual(TaskKind.Regression, plan.Task);
        Assert.IsNull(plan.TrueValues);
    }

    [TestMethod]
    [DataRow("1", "0", "1")]
    [DataRow("true", "false", "true")]
    [DataRow("True", "FALSE", "true")]
    [DataRow("yes", "no", "yes")]
    [DataRow("Yes", "No", "yes")]
    public void Plan_TwoBooleanLikeValues_InfersBinaryWithTheTrueValue(string truthy, string falsy, string expectedTrue)
    {
        var plan = Plan([truthy, falsy, falsy, truthy, ""]);

        Assert.AreEqual(TaskKind.Binary, plan.Task);
        Assert.IsNotNull(plan.TrueValues);
        Assert.Contains(expectedTrue, plan.TrueValues);
        Assert.IsTrue(plan.TrueValues.Contains(truthy), "the true value matches whatever its case in the data");
        Assert.IsFalse(plan.TrueValues.Contains(falsy));
    }

    [TestMethod]
    public void Plan_TextWithThreeClasses_InfersMulticlass()
    {
        var plan = Plan(["setosa", "versicolor", "virginica", "setosa"]);

        Assert.AreEqual(TaskKind.Multiclass, plan.Task);
        Assert.IsNull(plan.TrueValues);
    }

    [TestMethod]
    public void Plan_TwoTextValuesThatAreNotBooleanLike_InfersMulticlass()
    {
        var plan = Plan(["cat", "dog", "cat"]);

        Assert.AreEqual(TaskKind.Multiclass, plan.Task);
    }

    [TestMethod]
    public void Plan_ExplicitMulticlassOnNumericLabel_IsHonoured()
    {
        var plan = Plan(["1", "2", "3", "1"], TaskKind.Multiclass);

        Assert.AreEqual(TaskKind.Multiclass, plan.Task);
    }

    [TestMethod]
    public void Plan_ExplicitRegressionOnZeroOneLabel_IsHonoured()
    {
        var plan = Plan(["0", "1", "1", "0"], TaskKind.Regression);

        Assert.AreEqual(TaskKind.Regression, plan.Task);
    }

    [TestMethod]
    public void Plan_ExplicitBinaryOnYesNo_IsHonoured()
    {
        var plan = Plan(["yes", "no"], TaskKind.Binary);

        Assert.AreEqual(TaskKind.Binary, plan.Task);
    }

    [TestMethod]
    public void Plan_RegressionWithTextLabel_FailsNamingColumnAndValue()
    {
        var problem = TryPlan(["1", "2", "many"], TaskKind.Regression).Problem();

        Assert.Contains("'target'", problem.Detail);
        Assert.Contains("numeric", problem.Detail);
        Assert.Contains("'many'", problem.Detail);
    }

    [TestMethod]
    public void Plan_BinaryWithThreeValues_FailsNamingColumnAndValues()
    {
        var problem = TryPlan(["yes", "no", "maybe"], TaskKind.Binary).Problem();

        Assert.Contains("'target'", problem.Detail);
        Assert.Contains("exactly two", problem.Detail);
        Assert.Contains("'maybe'", problem.Detail);
    }

    [TestMethod]
    public void Plan_BinaryWithTwoValuesThatAreNotBooleanLike_Fails()
    {
        var problem = TryPlan(["cat", "dog"], TaskKind.Binary).Problem();

        Assert.Contains("'target'", problem.Detail);
    }

    [TestMethod]
    [DataRow("5", null)]
    [DataRow("yes", null)]
    [DataRow("setosa", null)]
    [DataRow("5", TaskKind.Regression)]
    [DataRow("setosa", TaskKind.Multiclass)]
    [DataRow("yes", TaskKind.Binary)]
    public void Plan_SingleValuedLabel_FailsNamingColumn(string value, TaskKind? task)
    {
        var problem = TryPlan([value, value, value], task).Problem();

        Assert.Contains("'target'", problem.Detail);
    }

    [TestMethod]
    public void Plan_LabelWithOnlyMissingValues_FailsNamingColumn()
    {
        var problem = TryPlan(["", "NA", "?"]).Problem();

        Assert.Contains("'target'", problem.Detail);
        Assert.Contains("no values", problem.Detail);
    }

    private static LabelPlan Plan(string[] labels, TaskKind? requested = null) => TryPlan(labels, requested).Succeeded();

    private static Result<LabelPlan> TryPlan(string[] labels, TaskKind? requested = null)
    {
        var lines = new[] { "x,target" }.Concat(labels.Select((label, i) => $"{i},{label}")).ToArray();
        var table = CsvTableReader.Read(string.Join('\n', lines));
        var profile = DatasetProfiler.Profile(table.Headers, table.Rows);
        return LabelPlanner.Plan(profile.DistinctValues[1], profile.Columns[1], requested);
    }
}
