using AiMaas.Core.Evaluation;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;

namespace AiMaas.Core.Tests.Training;

/// <summary>Promotion compares a candidate and the current version with this scorer, so it must agree with ML.NET's own evaluation.</summary>
[TestClass]
public sealed class HoldOutScorerTests
{
    [TestMethod]
    [DataRow("rSquared")]
    [DataRow("rmse")]
    [DataRow("mae")]
    public void Score_Regression_MatchesTheTrainersMetric(string metric) => AssertMatches(Models.Regression, metric);

    [TestMethod]
    [DataRow("auc")]
    [DataRow("accuracy")]
    [DataRow("f1")]
    [DataRow("logLoss")]
    public void Score_Binary_MatchesTheTrainersMetric(string metric) => AssertMatches(Models.Binary, metric);

    [TestMethod]
    [DataRow("macroAccuracy")]
    [DataRow("microAccuracy")]
    [DataRow("logLoss")]
    public void Score_Multiclass_MatchesTheTrainersMetric(string metric) => AssertMatches(Models.Multiclass, metric);

    [TestMethod]
    public void HoldOut_KeepsTheTestRowsAndTheirLabels()
    {
        var model = Models.Multiclass;

        Assert.AreEqual(model.Split.TestRows, model.HoldOut!.Count);
        Assert.HasCount(model.Split.TestRows, model.HoldOut.Classes);
        Assert.IsTrue(model.HoldOut.Classes.All(c => model.Classes!.Contains(c)));
    }

    [TestMethod]
    [DataRow("rSquared", 0.9, 0.8, true)]
    [DataRow("rSquared", 0.8, 0.8, false)]
    [DataRow("rmse", 1.0, 2.0, true)]
    [DataRow("logLoss", 0.5, 0.4, false)]
    public void IsBetter_KnowsWhichWayEachMetricImproves(string metric, double candidate, double current, bool expected) =>
        Assert.AreEqual(expected, TaskMetrics.IsBetter(metric, candidate, current));

    private static void AssertMatches(TrainedModel model, string metric)
    {
        var score = HoldOutScorer.Score(model.Transformer!, ModelServing.Manifest(model), model.HoldOut!, metric);

        Assert.AreEqual(model.Metrics[metric], score, 1e-3, metric);
    }
}
