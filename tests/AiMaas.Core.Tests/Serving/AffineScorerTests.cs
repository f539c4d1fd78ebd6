using System.Globalization;
using System.Text;
using AiMaas.Core.Data;
using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;
using Microsoft.ML.Data;

namespace AiMaas.Core.Tests.Serving;

/// <summary>The column-wise path for linear regression must give the model's own answers, missing values included.</summary>
[TestClass]
public sealed class AffineScorerTests
{
    private static readonly Lazy<TrainedModel> NumericLinear = new(() => Models.Train(NumericCsv(), "y"));

    [TestMethod]
    public void Score_NumericLinearRegression_UsesTheAffinePathAndMatchesTheModel()
    {
        var (scorer, batch) = Prepare(NumericLinear.Value, rows: 5000);

        var expected = scorer.ScoreWithTransform(batch).Scores!;
        var actual = scorer.Score(batch).Scores!;

        Assert.IsTrue(scorer.IsAffine);
        for (var row = 0; row < expected.Length; row++)
        {
            Assert.AreEqual(expected[row], actual[row], 1e-3 * (1 + Math.Abs(expected[row])), $"row {row}");
        }
    }

    [TestMethod]
    public void Score_RowsWithMissingValues_AreImputedByTheModel()
    {
        var (scorer, batch) = Prepare(NumericLinear.Value, rows: 40, missingEvery: 3);

        var expected = scorer.ScoreWithTransform(batch).Scores!;
        var actual = scorer.Score(batch).Scores!;

        Assert.IsTrue(actual.All(float.IsFinite));
        for (var row = 0; row < expected.Length; row++)
        {
            Assert.AreEqual(expected[row], actual[row], 1e-3 * (1 + Math.Abs(expected[row])), $"row {row}");
        }
    }

    [TestMethod]
    public void IsAffine_TreesOrTextFeatures_FallBackToTheEngines()
    {
        var trees = Models.Train(NumericCsv(), "y", trainer: TrainerKind.FastTree);

        Assert.IsFalse(Prepare(trees, rows: 1).Scorer.IsAffine);
        Assert.IsFalse(Prepare(Models.Regression, rows: 1, text: true).Scorer.IsAffine);
    }

    private static (ModelScorer Scorer, TabularDataView Batch) Prepare(TrainedModel model, int rows, int missingEvery = 0, bool text = false)
    {
        var (transformer, schema) = ModelServing.Load(model);
        var scorer = new ModelScorer(transformer, schema, ModelServing.Manifest(model), parallelThreshold: 1_000_000);
        var random = new Random(5);
        var columns = schema.Select((c, f) => c.Type is TextDataViewType
            ? (Array)Enumerable.Range(0, rows).Select(_ => "red".AsMemory()).ToArray()
            : Enumerable.Range(0, rows).Select(r => missingEvery > 0 && r % missingEvery == f % missingEvery ? float.NaN : (float)(random.NextDouble() * 20)).ToArray())
            .ToArray();
        Assert.AreEqual(text, schema.Any(c => c.Type is TextDataViewType));
        return (scorer, new TabularDataView(schema, columns, rows));
    }

    /// <summary>y = 3a - 2b + 0.5c + noise, with a few missing values.</summary>
    private static string NumericCsv()
    {
        var random = new Random(3);
        var csv = new StringBuilder("a,b,c,y\n");
        for (var i = 0; i < 300; i++)
        {
            double a = random.NextDouble() * 10, b = random.NextDouble() * 10, c = random.NextDouble() * 10;
            var y = (3 * a) - (2 * b) + (0.5 * c) + (random.NextDouble() - 0.5);
            csv.Append(CultureInfo.InvariantCulture, $"{(i % 17 == 0 ? "" : TestData.Format(a))},{TestData.Format(b)},{TestData.Format(c)},{TestData.Format(y)}\n");
        }

        return csv.ToString();
    }
}
