using System.Reflection;
using AiMaas.Core.Explanations;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Fidelity;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;

namespace AiMaas.Core.Tests.Explanations;

/// <summary>
/// For every trainer and task the platform offers (enumerated, so a new trainer is covered without editing this test)
/// and every data regime (numbers in the thousands, fractions, amounts to 10⁷, missing values, text with categories
/// unseen in training): base value + Σ contributions = the raw score, and that raw score is the model's own.
/// </summary>
[TestClass]
public sealed class AdditivityTests
{
    private const int Rows = 200;

    public static IEnumerable<object[]> Cases =>
        from trainer in Enum.GetValues<TrainerKind>()
        from task in Enum.GetValues<TaskKind>()
        where AiMaas.Core.Training.Trainers.TrainerCatalog.Supports(trainer, task)
        from regime in Enum.GetValues<FidelityRegime>()
        select new object[] { trainer, task, regime };

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Explain_EveryTrainerTaskAndRegime_AddsUpExactlyToTheModelsRawScore(TrainerKind trainer, TaskKind task, FidelityRegime regime)
    {
        var model = Models.Train(FidelityDatasets.TrainingCsv(regime, task), FidelityDatasets.Label, task, trainer);
        var (explainer, _, transformer, schema) = Explainers.Exact(model);
        var rows = FidelityDatasets.PredictionRows(regime, Rows);
        var batch = FidelityViews.ToView(schema, rows);

        var raw = explainer.ExplainRaw(batch);

        Assert.AreNotEqual(ExplanationMethods.Approximate, explainer.Method);
        Assert.AreEqual(task == TaskKind.Multiclass ? model.Classes!.Count : 1, raw.Outputs);
        for (var row = 0; row < Rows; row++)
        {
            for (var output = 0; output < raw.Outputs; output++)
            {
                var total = raw.BaseValues[output] + Enumerable.Range(0, raw.Columns).Sum(c => raw.Contribution(row, output, c));
                var score = raw.RawScore(row, output);
                Assert.IsLessThanOrEqualTo(1e-4 * Math.Max(1, Math.Abs(score)), Math.Abs(total - score), $"row {row}, output {output}: {total:R} adds up, raw score {score:R}");
            }
        }

        AssertRawScoresAreTheModels(model, transformer, rows, raw);
    }

    [TestMethod]
    public void Explain_ApproximateMethod_AddsUpExactlyToTheModelsOutput()
    {
        foreach (var task in Enum.GetValues<TaskKind>())
        {
            var model = Models.Train(FidelityDatasets.TrainingCsv(FidelityRegime.Mixed, task), FidelityDatasets.Label, task, TrainerKind.FastTree);
            var (_, schema) = ModelServing.Load(model);
            var background = FidelityViews.ToView(schema, FidelityDatasets.PredictionRows(FidelityRegime.Mixed, 16, seed: 5));
            var explainer = Explainers.Sampling(model, background);
            var rows = FidelityDatasets.PredictionRows(FidelityRegime.Mixed, 20);
            var expected = ReferenceScorer.Score(model.Zip, rows);

            var raw = explainer.ExplainRaw(FidelityViews.ToView(schema, rows));

            Assert.AreEqual(ExplanationMethods.Approximate, explainer.Method);
            for (var row = 0; row < rows.Count; row++)
            {
                for (var output = 0; output < raw.Outputs; output++)
                {
                    var total = raw.BaseValues[output] + Enumerable.Range(0, raw.Columns).Sum(c => raw.Contribution(row, output, c));
                    Assert.AreEqual(raw.RawScore(row, output), total, 1e-4 * Math.Max(1, Math.Abs(total)), $"{task} row {row}");
                }

                var modelOutput = task == TaskKind.Multiclass ? expected[row].Probabilities![model.Classes![0]] : expected[row].Score!.Value;
                Assert.AreEqual(modelOutput, raw.RawScore(row, 0), 1e-5 * Math.Max(1, Math.Abs(modelOutput)), $"{task} row {row}: the explained output is the model's");
            }
        }
    }

    /// <summary>
    /// Regression: the score. Binary: the score column (the margin before calibration). Multiclass: the probabilities
    /// ML.NET gives are the softmax of maximum entropy's class scores, or a one-versus-all model's calibrated class
    /// scores normalised to sum to one.
    /// </summary>
    private static void AssertRawScoresAreTheModels(TrainedModel model, ITransformer transformer, IReadOnlyList<FidelityRow> rows, RawExplanations raw)
    {
        var expected = ReferenceScorer.Score(model.Zip, rows);
        var predictor = Flatten(transformer).OfType<IPredictionTransformer<object>>().Last().Model;
        for (var row = 0; row < rows.Count; row++)
        {
            if (model.Task != TaskKind.Multiclass)
            {
                var score = (double)expected[row].Score!.Value;
                if (AiMaas.Core.Explanations.RawScoreSpace.IsLogOfScore(transformer))
                {
                    score = Math.Log(score);
                }

                Assert.AreEqual(score, raw.RawScore(row, 0), 1e-5 * Math.Max(1, Math.Abs(score)), $"row {row}: the explained raw score is the model's score (its log for Poisson regression)");
                continue;
            }

            var classes = model.Classes!;
            var scores = Enumerable.Range(0, classes.Count).Select(k => raw.RawScore(row, k)).ToArray();
            double[] probabilities;
            if (predictor is LinearMulticlassModelParametersBase)
            {
                var max = scores.Max();
                var exponentials = scores.Select(s => Math.Exp(s - max)).ToArray();
                probabilities = exponentials.Select(e => e / exponentials.Sum()).ToArray();
            }
            else
            {
                var subModels = ((System.Collections.IEnumerable)typeof(OneVersusAllModelParameters)
                    .GetProperty("SubModelParameters", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(predictor)!).Cast<CalibratedModelParametersBase>().ToArray();
                var calibrated = scores.Select((s, k) => (double)Math.Max(0, subModels[k].Calibrator.PredictProbability((float)s))).ToArray();
                probabilities = calibrated.Select(p => p / calibrated.Sum()).ToArray();
            }

            for (var k = 0; k < classes.Count; k++)
            {
                Assert.AreEqual(expected[row].Probabilities![classes[k]], probabilities[k], 1e-4, $"row {row}, class {classes[k]}");
            }
        }
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];
}
