using AiMaas.Core.Serving;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;

namespace AiMaas.Core.Tests.Serving;

[TestClass]
public sealed class OutputReaderTests
{
    [TestMethod]
    public void Read_RegressionModel_ReturnsScoresCloseToTheTruth()
    {
        var predictions = ModelServing.Predict(Models.Regression, """
            {"instances":[
              {"a":5,"b":1,"color":"red"},
              {"a":2,"b":8,"color":"blue"},
              {"a":null,"b":3,"color":"green"}
            ]}
            """);

        Assert.HasCount(3, predictions);
        var scores = predictions.Select(p => Assert.IsInstanceOfType<RegressionPrediction>(p).Score).ToArray();
        Assert.AreEqual(3 * 5 - 2 * 1 + 4, scores[0], 2.5);
        Assert.AreEqual(3 * 2 - 2 * 8 - 4, scores[1], 2.5);
        Assert.IsTrue(float.IsFinite(scores[2]), "a missing number is filled in, not propagated");
    }

    [TestMethod]
    public void Read_BinaryModel_ReturnsLabelAndProbabilityPerInstance()
    {
        var predictions = ModelServing.Predict(Models.Binary, """
            {"instances":[
              {"x1":0.95,"x2":0.9,"segment":"retail"},
              {"x1":0.05,"x2":0.1,"segment":"business"},
              {"x1":null,"x2":0.99,"segment":"retail"}
            ]}
            """);

        Assert.HasCount(3, predictions);
        var likely = Assert.IsInstanceOfType<BinaryPrediction>(predictions[0]);
        var unlikely = Assert.IsInstanceOfType<BinaryPrediction>(predictions[1]);
        Assert.IsTrue(likely.Label, "x1 + x2 > 1 means 'yes', the true value");
        Assert.IsGreaterThan(0.5f, likely.Probability);
        Assert.IsGreaterThan(0f, likely.Score);
        Assert.IsFalse(unlikely.Label);
        Assert.IsLessThan(0.5f, unlikely.Probability);
        Assert.IsLessThan(0f, unlikely.Score);
        foreach (var prediction in predictions.Cast<BinaryPrediction>())
        {
            Assert.IsTrue(prediction.Probability is >= 0 and <= 1, $"probability {prediction.Probability}");
        }
    }

    [TestMethod]
    public void Read_MulticlassModel_ReturnsProbabilitiesOverTheManifestClasses()
    {
        var instances = Enumerable.Range(0, TestData.Species.Length)
            .Select(TestData.SpeciesCenter)
            .Select(c => $$"""{"petal_length":{{TestData.Format(c.Length)}},"petal_width":{{TestData.Format(c.Width)}}}""");

        var predictions = ModelServing.Predict(Models.Multiclass, $$"""{"instances":[{{string.Join(',', instances)}}]}""");

        Assert.HasCount(TestData.Species.Length, predictions);
        for (var i = 0; i < predictions.Count; i++)
        {
            var prediction = Assert.IsInstanceOfType<MulticlassPrediction>(predictions[i]);
            Assert.AreEqual(TestData.Species[i], prediction.Label);
            CollectionAssert.AreEquivalent(Models.Multiclass.Classes!.ToArray(), prediction.Probabilities.Keys.ToArray());
            Assert.AreEqual(1.0, prediction.Probabilities.Values.Sum(), 1e-3);
            Assert.AreEqual(prediction.Label, prediction.Probabilities.MaxBy(p => p.Value).Key, "the predicted label is the most probable class");
        }
    }

    [TestMethod]
    public void Read_FastTreeBinaryModel_ReturnsCalibratedProbability()
    {
        var model = Models.Train(TestData.Binary(rows: 160), "bought", trainer: TrainerKind.FastTree);

        var predictions = ModelServing.Predict(model, """
            {"instances":[{"x1":0.95,"x2":0.9,"segment":"retail"},{"x1":0.05,"x2":0.1,"segment":"business"}]}
            """);

        var likely = Assert.IsInstanceOfType<BinaryPrediction>(predictions[0]);
        var unlikely = Assert.IsInstanceOfType<BinaryPrediction>(predictions[1]);
        Assert.IsTrue(likely.Label);
        Assert.IsFalse(unlikely.Label);
        Assert.IsTrue(likely.Probability is > 0.5f and <= 1f, $"probability {likely.Probability}");
        Assert.IsTrue(unlikely.Probability is >= 0f and < 0.5f, $"probability {unlikely.Probability}");
    }

    [TestMethod]
    public void Read_FastTreeMulticlassModel_ReturnsProbabilitiesSummingToOne()
    {
        var model = Models.Train(TestData.Multiclass(rows: 120), "species", trainer: TrainerKind.FastTree);
        var (length, width) = TestData.SpeciesCenter(2);

        var predictions = ModelServing.Predict(model, $$"""{"instances":[{"petal_length":{{TestData.Format(length)}},"petal_width":{{TestData.Format(width)}}}]}""");

        var prediction = Assert.IsInstanceOfType<MulticlassPrediction>(predictions.Single());
        Assert.AreEqual("virginica", prediction.Label);
        Assert.AreEqual(1.0, prediction.Probabilities.Values.Sum(), 1e-3);
    }
}
