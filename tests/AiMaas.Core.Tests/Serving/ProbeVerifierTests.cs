using AiMaas.Core.Serving.Fidelity;
using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Serving;

/// <summary>The guard at load: a version's probe rows, scored on the serving path, must give the outputs recorded when it was stored.</summary>
[TestClass]
public sealed class ProbeVerifierTests
{
    [TestMethod]
    [DataRow(TaskKind.Regression)]
    [DataRow(TaskKind.Binary)]
    [DataRow(TaskKind.Multiclass)]
    public void FindMismatch_TrainedModelAfterAJsonRoundTrip_FindsNone(TaskKind task)
    {
        var model = Model(task);
        var probe = ProbeSetFactory.Deserialize(ProbeSetFactory.Serialize(model.Probe!))!;

        var mismatch = ProbeVerifier.FindMismatch(Scorer(model), ModelServing.Load(model).InputSchema, probe);

        Assert.IsNull(mismatch);
        Assert.AreEqual(ProbeRows.HoldOutRows + 2, probe.Rows);
    }

    [TestMethod]
    public void FindMismatch_RecordedScoreDiffersBeyondTolerance_NamesTheRowAndBothValues()
    {
        var model = Models.Regression;
        var scores = model.Probe!.Expected.Scores!.ToArray();
        scores[3] *= 1.001f;
        var tampered = model.Probe with { Expected = model.Probe.Expected with { Scores = scores } };

        var mismatch = ProbeVerifier.FindMismatch(Scorer(model), ModelServing.Load(model).InputSchema, tampered);

        Assert.IsNotNull(mismatch);
        StringAssert.StartsWith(mismatch, "probe row 3: score");
    }

    [TestMethod]
    public void FindMismatch_ProbeOfAnotherModel_IsFound()
    {
        var mismatch = ProbeVerifier.FindMismatch(Scorer(Models.Binary), ModelServing.Load(Models.Binary).InputSchema, Models.Binary.Probe! with
        {
            Expected = Models.Binary.Probe!.Expected with { BinaryLabels = Models.Binary.Probe.Expected.BinaryLabels!.Select(l => !l).ToArray() },
        });

        Assert.IsNotNull(mismatch);
        StringAssert.Contains(mismatch, "label");
    }

    [TestMethod]
    public void FromHoldOut_AddsAllMissingAndUnseenCategoryRows()
    {
        var probe = Models.Regression.Probe!;
        var color = probe.Inputs.Single(c => c.Name == "color").Texts!;
        var a = probe.Inputs.Single(c => c.Name == "a").Numbers!;

        Assert.AreEqual("", color[^2]);
        Assert.IsNull(a[^2]);
        Assert.IsFalse(TestData.Colors.Contains(color[^1]), "the last row's category was never seen in training");
    }

    private static TrainedModel Model(TaskKind task) => task switch
    {
        TaskKind.Regression => Models.Regression,
        TaskKind.Binary => Models.Binary,
        _ => Models.Multiclass,
    };

    private static ModelScorer Scorer(TrainedModel model)
    {
        var (transformer, schema) = ModelServing.Load(model);
        return new ModelScorer(transformer, schema, ModelServing.Manifest(model), parallelThreshold: int.MaxValue);
    }
}
