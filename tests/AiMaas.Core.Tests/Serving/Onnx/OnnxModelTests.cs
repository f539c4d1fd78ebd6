using AiMaas.Core.Data;
using AiMaas.Core.Lifecycle;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving;
using AiMaas.Core.Serving.Onnx;
using AiMaas.Core.Serving.OpenInference;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Onnx;

namespace AiMaas.Core.Tests.Serving.Onnx;

/// <summary>ONNX graphs built in the test, checked at upload and served through one session, against outputs computed by hand.</summary>
[TestClass]
public sealed class OnnxModelTests
{
    private static readonly UploadMetadata Iris = new()
    {
        Task = "multiclass",
        Features = ["sepal_length", "sepal_width", "petal_length", "petal_width"],
        Classes = ["setosa", "versicolor", "virginica"],
    };

    private static readonly float[] Rows = [5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f, -1f, 0f, 2.5f, -3.75f, 0f, 0f, 0f, 0f, 100f, -50f, 3f, 7f];

    [TestMethod]
    public void Inspect_Mlp_RecordsSignatureOpsetAndProducer()
    {
        var (manifest, _) = Inspect(OnnxGraphs.Mlp(producer: "pytorch"), Iris);

        Assert.AreEqual(ModelSources.Onnx, manifest.Format);
        var graph = manifest.Onnx!;
        Assert.AreEqual(13, graph.Opset);
        Assert.AreEqual("pytorch", graph.Producer);
        Assert.AreEqual("X", graph.Inputs.Single().Name);
        Assert.AreEqual("FP32", graph.Inputs[0].Datatype);
        CollectionAssert.AreEqual(new long[] { -1, 4 }, graph.Inputs[0].Shape.ToArray());
        CollectionAssert.AreEquivalent(new[] { "logits", "probabilities" }, graph.Outputs.Select(o => o.Name).ToArray());
        Assert.IsTrue(graph.Outputs.All(o => o.Shape.SequenceEqual([-1L, 3L])));
        Assert.AreEqual("X", graph.FeatureInput);
        Assert.AreEqual("probabilities", graph.ScoreOutput, "an output of [batch, classes] named like probabilities is read unless metadata names one");
    }

    [TestMethod]
    public void Run_Mlp_AnswersWhatTheNetworkComputesByHand()
    {
        using var model = Load(OnnxGraphs.Mlp(), Iris with { Output = "probabilities" });
        var rows = Rows.Length / 4;

        var outputs = model.Onnx!.Run([new OnnxTensor("X", "FP32", [rows, 4], Rows)]);

        var (logits, probabilities) = OnnxGraphs.MlpByHand(Rows, rows);
        AssertClose(logits, (float[])outputs.Single(o => o.Name == "logits").Data);
        AssertClose(probabilities, (float[])outputs.Single(o => o.Name == "probabilities").Data);
        CollectionAssert.AreEqual(new long[] { rows, 3 }, outputs[0].Shape);
    }

    [TestMethod]
    public void Score_NamedFeatures_AnswersLabelsAndProbabilitiesInClassOrder()
    {
        using var model = Load(OnnxGraphs.Mlp(), Iris with { Output = "probabilities" });
        var rows = Rows.Length / 4;
        var columns = Enumerable.Range(0, 4).Select(f => (Array)Enumerable.Range(0, rows).Select(r => Rows[(r * 4) + f]).ToArray()).ToArray();

        var scored = model.Scorer.Score(new TabularDataView(model.InputSchema, columns, rows));

        var (_, probabilities) = OnnxGraphs.MlpByHand(Rows, rows);
        AssertClose(probabilities, scored.Probabilities!);
        for (var r = 0; r < rows; r++)
        {
            var best = Enumerable.Range(0, 3).MaxBy(c => probabilities[(r * 3) + c]);
            Assert.AreEqual(Iris.Classes![best], scored.ClassLabels![r], $"row {r}");
        }
    }

    [TestMethod]
    public void Score_RegressionGraph_AnswersTheLinearFunction()
    {
        using var model = Load(OnnxGraphs.Linear(2f, -3f, 0.5f), new UploadMetadata { Task = "regression", Features = ["a", "b"] });

        var scored = model.Scorer.Score(new TabularDataView(model.InputSchema, [new[] { 1f, 10f }, new[] { 2f, -1f }], 2));

        Assert.AreEqual((2f * 1) - (3f * 2) + 0.5f, scored.Scores![0], 1e-5);
        Assert.AreEqual((2f * 10) + 3f + 0.5f, scored.Scores[1], 1e-5);
    }

    [TestMethod]
    public void Probe_IsReproducedAtLoad_AndATamperedOneIsCaught()
    {
        var (manifest, probe) = Inspect(OnnxGraphs.Mlp(), Iris);
        using var model = new DisposableModel(OnnxVersionLoader.Load(manifest, OnnxGraphs.Mlp(), new ServingOptions()).Value!);
        var stored = OnnxProbe.Deserialize(probe.Serialize())!;

        Assert.IsNull(stored.FindMismatch(model.Onnx!));
        var first = stored.Outputs[0];
        var tampered = stored with { Outputs = [first with { Numbers = first.Numbers!.Select((v, i) => i == 4 ? v + 0.01 : v).ToArray() }, .. stored.Outputs.Skip(1)] };
        StringAssert.Contains(tampered.FindMismatch(model.Onnx!), $"output '{first.Name}'[4]");
    }

    [TestMethod]
    public void Retire_DisposesTheSession_AndLaterRunsAreRefused()
    {
        var model = Load(OnnxGraphs.Mlp(), Iris);

        model.Retire();

        Assert.IsTrue(model.Onnx!.IsDisposed);
        Assert.ThrowsExactly<ObjectDisposedException>(() => model.Onnx.Run([new OnnxTensor("X", "FP32", [1, 4], new float[4])]));
    }

    [TestMethod]
    public void Inspect_TruncatedFile_IsRefused()
    {
        var bytes = OnnxGraphs.Mlp();

        var problem = InspectProblem(bytes[..(bytes.Length / 2)], Iris);

        StringAssert.Contains(problem.Detail, "not an ONNX model");
    }

    [TestMethod]
    public void Inspect_ExternalData_IsRefusedNamingTheTensor()
    {
        var problem = InspectProblem(OnnxGraphs.Mlp(externalWeights: true), Iris);

        StringAssert.Contains(problem.Detail, "external data");
        StringAssert.Contains(problem.Detail, "'W1'");
    }

    [TestMethod]
    public void Inspect_CustomOperatorDomain_IsRefused()
    {
        var problem = InspectProblem(OnnxGraphs.Mlp(customDomain: "com.example.ops"), Iris);

        StringAssert.Contains(problem.Detail, "custom operator domains");
        StringAssert.Contains(problem.Detail, "com.example.ops");
    }

    [TestMethod]
    public void Inspect_AnotherFormat_IsRefused()
    {
        var problem = InspectProblem("PK\u0003\u0004 this is a zip, not a graph"u8.ToArray(), Iris);

        Assert.AreEqual(ProblemKind.Invalid, problem.Kind);
        StringAssert.Contains(problem.Detail, "ONNX");
    }

    [TestMethod]
    public void Inspect_FeaturesThatDoNotFitTheInput_AreRefusedNamingTheShape()
    {
        var problem = InspectProblem(OnnxGraphs.Mlp(), Iris with { Features = ["a", "b", "c", "d", "e"] });

        Assert.IsTrue(problem.Errors!.ContainsKey("metadata.features"));
        StringAssert.Contains(problem.Errors["metadata.features"][0], "[-1, 4]");
    }

    [TestMethod]
    public void Inspect_MulticlassWithoutClasses_IsRefused()
    {
        var problem = InspectProblem(OnnxGraphs.Mlp(), Iris with { Classes = null });

        Assert.IsTrue(problem.Errors!.ContainsKey("metadata.classes"));
    }

    [TestMethod]
    public void Inspect_NoFeatures_KeepsTensorsOnly()
    {
        var (manifest, probe) = Inspect(OnnxGraphs.Mlp(), new UploadMetadata());

        Assert.IsNull(manifest.Onnx!.FeatureInput);
        Assert.AreEqual(0, manifest.Features.Count);
        CollectionAssert.AreEqual(new long[] { OnnxProbe.Rows, 4 }, probe.Inputs[0].Shape);
        Assert.AreEqual(TaskKind.Regression, manifest.Task);
    }

    [TestMethod]
    public void InferenceRequest_WrongShapeOrType_NamesTheInputAndExpectedShape()
    {
        var (manifest, _) = Inspect(OnnxGraphs.Mlp(), Iris);
        var wrongShape = Bind("""{"inputs":[{"name":"X","shape":[2,3],"datatype":"FP32","data":[1,2,3,4,5,6]}]}""", manifest.Onnx!).Problem!;
        var wrongType = Bind("""{"inputs":[{"name":"X","shape":[1,4],"datatype":"INT64","data":[1,2,3,4]}]}""", manifest.Onnx!).Problem!;
        using var request = Bind("""{"inputs":[{"name":"X","shape":[2,4],"datatype":"FP32","data":[[1,2,3,4],[5,6,7,8]]}],"outputs":[{"name":"probabilities"}]}""", manifest.Onnx!).Value!;

        StringAssert.Contains(wrongShape.Errors!["inputs[0]"][0], "'X' FP32 of shape [-1, 4]");
        StringAssert.Contains(wrongType.Errors!["inputs[0]"][0], "datatype INT64 given; expected 'X' FP32");
        CollectionAssert.AreEqual(new long[] { 2, 4 }, request.Inputs[0].Shape);
        CollectionAssert.AreEqual(new[] { "probabilities" }, request.Outputs!.ToArray());
    }

    private static Result<OnnxInferenceRequest> Bind(string json, OnnxDescription graph) =>
        OnnxInputBinder.Bind(InferenceEnvelopeReader.Read(System.Text.Encoding.UTF8.GetBytes(json), headerLength: null).Value!, graph, 100);

    private static (ModelManifest Manifest, OnnxProbe Probe) Inspect(byte[] bytes, UploadMetadata metadata)
    {
        var result = OnnxModelInspector.Inspect(bytes, metadata, intraOpThreads: 1);
        Assert.IsNull(result.Problem, result.Problem?.Detail + string.Join("; ", result.Problem?.Errors?.Select(e => $"{e.Key}: {e.Value[0]}") ?? []));
        return result.Value;
    }

    private static Problem InspectProblem(byte[] bytes, UploadMetadata metadata) =>
        OnnxModelInspector.Inspect(bytes, metadata, intraOpThreads: 1).Problem ?? throw new AssertFailedException("the upload was accepted");

    private static DisposableModel Load(byte[] bytes, UploadMetadata metadata) =>
        new(OnnxVersionLoader.Load(Inspect(bytes, metadata).Manifest, bytes, new ServingOptions()).Value!);

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.AreEqual(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i], actual[i], 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"value {i}");
        }
    }
}
