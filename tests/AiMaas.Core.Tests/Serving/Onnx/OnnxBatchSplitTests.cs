using System.Runtime.InteropServices;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Onnx;
using AiMaas.Tests.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace AiMaas.Core.Tests.Serving.Onnx;

/// <summary>
/// A large batch is split across the cores only when the graph provably keeps rows apart; split or not, the answer is
/// exactly what one <c>Run</c> of ONNX Runtime answers.
/// </summary>
[TestClass]
public sealed class OnnxBatchSplitTests
{
    private const int Threshold = 64;

    [TestMethod]
    public void Split_RowWiseMlp_AnswersBitIdenticalOutputsToOneRun()
    {
        var bytes = OnnxGraphs.RandomMlp(10, 200, 3, seed: 11);
        using var model = Model(bytes);
        Assert.IsTrue(model.Split.RowIndependent, model.Split.Reason);
        if (Environment.ProcessorCount < 2)
        {
            Assert.Inconclusive("One core: a batch is never split.");
        }

        foreach (var rows in new[] { 1000, 1001, 4099 })
        {
            Assert.IsGreaterThan(1, model.ChunksFor(rows), $"{rows} rows of a row-wise graph are split");
            var x = Inputs(rows, 10, seed: rows);

            var expected = OneRun(bytes, x, [rows, 10], ["logits", "probabilities"]);
            var actual = Execute(model, x, [rows, 10], ["logits", "probabilities"]);

            for (var i = 0; i < expected.Length; i++)
            {
                CollectionAssert.AreEqual(new long[] { rows, 3 }, actual[i].Shape);
                Assert.IsTrue(MemoryMarshal.AsBytes(expected[i].Values.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual[i].Values.AsSpan())), $"output {i}, {rows} rows: bit-identical");
            }
        }
    }

    [TestMethod]
    public void Split_RowMixingGraph_IsNeverSplitAndAnswersOneRun()
    {
        // centered = X - mean(X over the batch): every row depends on every other row.
        var bytes = Centering();
        using var model = Model(bytes);
        Assert.IsFalse(model.Split.RowIndependent);
        StringAssert.Contains(model.Split.Reason, "ReduceMean");
        Assert.AreEqual(1, model.ChunksFor(10_000));

        // No missing values here: a NaN in a column makes its batch mean NaN whether split or not, hiding the difference.
        var x = Inputs(1000, 4, seed: 3, missing: false);
        var expected = OneRun(bytes, x, [1000, 4], ["centered"]);
        var actual = Execute(model, x, [1000, 4], ["centered"]);
        Assert.IsTrue(MemoryMarshal.AsBytes(expected[0].Values.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual[0].Values.AsSpan())));

        // What the analysis prevents: forced to split, the same graph answers something else.
        if (Environment.ProcessorCount > 1)
        {
            using var forced = Model(bytes, new OnnxBatchSplit(true, "forced by the test"));
            var wrong = Execute(forced, x, [1000, 4], ["centered"]);
            Assert.IsFalse(expected[0].Values.SequenceEqual(wrong[0].Values));
        }
    }

    [TestMethod]
    public void Split_UnknownOperator_IsNeverSplitAndAnswersOneRun()
    {
        // LpNormalization over axis 1 keeps rows apart, but it is not on the whitelist: not split.
        var bytes = Single(OnnxGraphs.Node("LpNormalization", ["X"], ["Y"], attributes: [OnnxGraphs.IntAttribute("axis", 1)]), [-1, 4]);
        using var model = Model(bytes);
        Assert.IsFalse(model.Split.RowIndependent);
        StringAssert.Contains(model.Split.Reason, "LpNormalization");

        var x = Inputs(500, 4, seed: 5);
        var expected = OneRun(bytes, x, [500, 4], ["Y"]);
        var actual = Execute(model, x, [500, 4], ["Y"]);
        Assert.IsTrue(MemoryMarshal.AsBytes(expected[0].Values.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(actual[0].Values.AsSpan())));
    }

    [TestMethod]
    [DataRow("Softmax over axis 1", true)]
    [DataRow("Softmax over axis 0", false)]
    [DataRow("Gemm with transA", false)]
    [DataRow("MatMul with the batch on the right", false)]
    [DataRow("Add a constant [4]", true)]
    [DataRow("Add a constant [1, 4]", true)]
    [DataRow("Add a constant [5, 4]", false)]
    [DataRow("ReduceMean over axis 1", true)]
    [DataRow("ReduceMean over axis 0", false)]
    [DataRow("ReduceMean over every axis", false)]
    [DataRow("ArgMax over axis 0 (its default)", false)]
    [DataRow("ArgMax over axis 1", true)]
    [DataRow("BatchNormalization in inference mode", true)]
    [DataRow("BatchNormalization in training mode", false)]
    [DataRow("Shape", false)]
    [DataRow("an operator of a custom domain", false)]
    [DataRow("Transpose of the batch axis", false)]
    [DataRow("Flatten at axis 1", true)]
    [DataRow("Flatten at axis 0", false)]
    public void Decide_ReadsWhetherAGraphKeepsRowsApart(string graph, bool rowIndependent)
    {
        (byte[] Node, byte[][] Initializers, long[] Output) spec = graph switch
        {
            "Softmax over axis 1" => (OnnxGraphs.Node("Softmax", ["X"], ["Y"], attributes: [OnnxGraphs.IntAttribute("axis", 1)]), [], new long[] { -1, 4 }),
            "Softmax over axis 0" => (OnnxGraphs.Node("Softmax", ["X"], ["Y"], attributes: [OnnxGraphs.IntAttribute("axis", 0)]), [], [-1, 4]),
            "Gemm with transA" => (OnnxGraphs.Node("Gemm", ["X", "W"], ["Y"], attributes: [OnnxGraphs.IntAttribute("transA", 1)]), [OnnxGraphs.Tensor("W", [4, 4], new float[16])], [-1, 4]),
            "MatMul with the batch on the right" => (OnnxGraphs.Node("MatMul", ["W", "X"], ["Y"]), [OnnxGraphs.Tensor("W", [4, 4], new float[16])], [-1, 4]),
            "Add a constant [4]" => (OnnxGraphs.Node("Add", ["X", "C"], ["Y"]), [OnnxGraphs.Tensor("C", [4], new float[4])], [-1, 4]),
            "Add a constant [1, 4]" => (OnnxGraphs.Node("Add", ["X", "C"], ["Y"]), [OnnxGraphs.Tensor("C", [1, 4], new float[4])], [-1, 4]),
            "Add a constant [5, 4]" => (OnnxGraphs.Node("Add", ["X", "C"], ["Y"]), [OnnxGraphs.Tensor("C", [5, 4], new float[20])], [-1, 4]),
            "ReduceMean over axis 1" => (OnnxGraphs.Node("ReduceMean", ["X"], ["Y"], attributes: [OnnxGraphs.IntsAttribute("axes", 1), OnnxGraphs.IntAttribute("keepdims", 0)]), [], [-1]),
            "ReduceMean over axis 0" => (OnnxGraphs.Node("ReduceMean", ["X"], ["Y"], attributes: [OnnxGraphs.IntsAttribute("axes", 0)]), [], [-1, 4]),
            "ReduceMean over every axis" => (OnnxGraphs.Node("ReduceMean", ["X"], ["Y"]), [], [-1, 4]),
            "ArgMax over axis 0 (its default)" => (OnnxGraphs.Node("ArgMax", ["X"], ["Y"]), [], [-1, 4]),
            "ArgMax over axis 1" => (OnnxGraphs.Node("ArgMax", ["X"], ["Y"], attributes: [OnnxGraphs.IntAttribute("axis", 1)]), [], [-1, 1]),
            "BatchNormalization in inference mode" => (OnnxGraphs.Node("BatchNormalization", ["X", "S", "B", "M", "V"], ["Y"]), Statistics(), [-1, 4]),
            "BatchNormalization in training mode" => (OnnxGraphs.Node("BatchNormalization", ["X", "S", "B", "M", "V"], ["Y", "RM", "RV"], attributes: [OnnxGraphs.IntAttribute("training_mode", 1)]), Statistics(), [-1, 4]),
            "Shape" => (OnnxGraphs.Node("Shape", ["X"], ["Y"]), [], [-1]),
            "an operator of a custom domain" => (OnnxGraphs.Node("Relu", ["X"], ["Y"], domain: "com.example"), [], [-1, 4]),
            "Transpose of the batch axis" => (OnnxGraphs.Node("Transpose", ["X"], ["Y"], attributes: [OnnxGraphs.IntsAttribute("perm", 1, 0)]), [], [4, -1]),
            "Flatten at axis 1" => (OnnxGraphs.Node("Flatten", ["X"], ["Y"], attributes: [OnnxGraphs.IntAttribute("axis", 1)]), [], [-1, 4]),
            "Flatten at axis 0" => (OnnxGraphs.Node("Flatten", ["X"], ["Y"], attributes: [OnnxGraphs.IntAttribute("axis", 0)]), [], [1, -1]),
            _ => throw new ArgumentOutOfRangeException(nameof(graph)),
        };
        var model = Single(spec.Node, spec.Output, spec.Initializers);
        var description = Description([("X", [-1, 4])], [("Y", spec.Output)]);

        var split = OnnxRowIndependence.Decide(model, description);

        Assert.AreEqual(rowIndependent, split.RowIndependent, split.Reason);
    }

    private static byte[][] Statistics() =>
        new[] { "S", "B", "M", "V" }.Select(name => OnnxGraphs.Tensor(name, [4], [1f, 2f, 3f, 4f])).ToArray();

    private static OnnxModel Model(byte[] bytes, OnnxBatchSplit? split = null)
    {
        var session = OnnxSessions.Create(bytes, intraOpThreads: 1);
        var (inputs, outputs, _) = OnnxSessions.Describe(session);
        var description = new OnnxDescription(8, new Dictionary<string, long> { [""] = 13 }, "tests", "1", inputs, outputs, null, null);
        return new OnnxModel(session, description, split ?? OnnxRowIndependence.Decide(bytes, description), Threshold, intraOpThreads: 1);
    }

    private static OnnxDescription Description(IEnumerable<(string Name, long[] Shape)> inputs, IEnumerable<(string Name, long[] Shape)> outputs) =>
        new(8, new Dictionary<string, long> { [""] = 15 }, "tests", "1",
            inputs.Select(i => new OnnxTensorInfo(i.Name, "FP32", i.Shape)).ToArray(),
            outputs.Select(o => new OnnxTensorInfo(o.Name, "FP32", o.Shape)).ToArray(),
            null,
            null);

    /// <summary>X [N, 4] → one node → Y.</summary>
    private static byte[] Single(byte[] node, long[] shape, IEnumerable<byte[]>? initializers = null) =>
        OnnxGraphs.Model(
            OnnxGraphs.Graph("single", [node], initializers ?? [], [OnnxGraphs.ValueInfo("X", OnnxGraphs.FloatType, ["N", 4])], [OnnxGraphs.ValueInfo("Y", OnnxGraphs.FloatType, shape.Select(d => d == -1 ? "N" : (object)d).ToArray())]),
            "aimaas-tests",
            [("", 15)]);

    private static byte[] Centering() =>
        OnnxGraphs.Model(
            OnnxGraphs.Graph(
                "centering",
                [
                    OnnxGraphs.Node("ReduceMean", ["X"], ["M"], attributes: [OnnxGraphs.IntsAttribute("axes", 0), OnnxGraphs.IntAttribute("keepdims", 1)]),
                    OnnxGraphs.Node("Sub", ["X", "M"], ["centered"]),
                ],
                [],
                [OnnxGraphs.ValueInfo("X", OnnxGraphs.FloatType, ["N", 4])],
                [OnnxGraphs.ValueInfo("centered", OnnxGraphs.FloatType, ["N", 4])]),
            "aimaas-tests",
            [("", 13)]);

    /// <summary>Rows in the regimes users send: columns at unit scale, in the thousands and the millions, around a negative offset, and (unless told otherwise) missing values (NaN).</summary>
    private static float[] Inputs(int rows, int columns, int seed, bool missing = true)
    {
        (double Scale, double Offset)[] regimes = [(1, 0), (1_000, 0), (1_000_000, 0), (100, -20_000), (50_000, 0)];
        var random = new Random(seed);
        return Enumerable.Range(0, rows * columns)
            .Select(i => missing && i % 97 == 5 ? float.NaN : (float)((((random.NextDouble() * 4) - 2) * regimes[i % columns % regimes.Length].Scale) + regimes[i % columns % regimes.Length].Offset))
            .ToArray();
    }

    /// <summary>One direct Run on a session made with the same options.</summary>
    private static (long[] Shape, float[] Values)[] OneRun(byte[] bytes, float[] x, long[] shape, string[] outputs)
    {
        using var session = OnnxSessions.Create(bytes, intraOpThreads: 1);
        using var value = OrtValue.CreateTensorValueFromMemory(x, shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["X"], [value], outputs);
        return results.Select(r => (r.GetTensorTypeAndShape().Shape, r.GetTensorDataAsSpan<float>().ToArray())).ToArray();
    }

    private static (long[] Shape, float[] Values)[] Execute(OnnxModel model, float[] x, long[] shape, string[] outputs)
    {
        using var run = model.Execute([new OnnxTensor("X", "FP32", shape, x)], outputs);
        return run.Values.Select(r => (r.GetTensorTypeAndShape().Shape, r.GetTensorDataAsSpan<float>().ToArray())).ToArray();
    }
}
