using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Onnx;
using AiMaas.Core.Serving.OpenInference;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Serving.Onnx;

/// <summary>The ONNX V2 reader: tensors from JSON (flat or nested, any field order) or binary data, and a problem naming the input for anything else.</summary>
[TestClass]
public sealed class OnnxInputBinderTests
{
    private static readonly OnnxDescription Graph = new(
        8,
        new Dictionary<string, long> { [""] = 13 },
        "tests",
        "1",
        [new OnnxTensorInfo("X", "FP32", [-1, 2]), new OnnxTensorInfo("mask", "BOOL", [-1])],
        [new OnnxTensorInfo("logits", "FP32", [-1, 3]), new OnnxTensorInfo("probabilities", "FP32", [-1, 3])],
        null,
        null);

    [TestMethod]
    [DataRow("""{"id":"r1","inputs":[{"name":"X","shape":[3,2],"datatype":"FP32","data":[[1,2.5],[null,-4e-3],[0,7]]},{"name":"mask","shape":[3],"datatype":"BOOL","data":[true,false,true]}],"outputs":[{"name":"logits"}]}""", "r1", "logits")]
    [DataRow("""{"inputs":[{"name":"mask","datatype":"BOOL","shape":[3],"data":[true,false,true],"parameters":{"x":1}},{"data":[1,2.5,null,-0.004,0,7],"datatype":"FP32","name":"X","shape":[3,2]}],"parameters":{"a":[1,{"b":2}]}}""", null, null)]
    public void Bind_ValidRequest_ReadsEveryValueInTheGraphsOrder(string body, string? id, string? output)
    {
        using var request = Bind(body).Value!;

        Assert.AreEqual(id, request.Id);
        Assert.AreEqual(output, request.Outputs?.Single());
        Assert.AreEqual("X", request.Inputs[0].Name);
        CollectionAssert.AreEqual(new long[] { 3, 2 }, request.Inputs[0].Shape);
        Assert.AreEqual(6, request.Inputs[0].Length);
        var x = ((float[])request.Inputs[0].Data)[..6];
        CollectionAssert.AreEqual(new[] { 1f, 2.5f, float.NaN, -0.004f, 0f, 7f }, x);
        CollectionAssert.AreEqual(new[] { true, false, true }, ((bool[])request.Inputs[1].Data)[..3]);
    }

    [TestMethod]
    [DataRow(null, null)]
    [DataRow(700, "data[700] is \"a\"; expected a FP32 value")]
    [DataRow(-1, "holds 1200 values, data has 1199")]
    public void Bind_LargeFp32Tensor_ParsedInTheEnvelopesPassReadsTheSameAsSmallOnes(int? bad, string? expected)
    {
        var values = Enumerable.Range(0, 1200).Select(i => i % 7 == 0 ? "null" : ((i - 600) * 0.125f).ToString("R", CultureInfo.InvariantCulture)).ToList();
        if (bad is -1)
        {
            values.RemoveAt(0);
        }
        else if (bad is { } index)
        {
            values[index] = "\"a\"";
        }

        var rows = string.Join(",", values.Chunk(2).Select(r => $"[{string.Join(",", r)}]"));
        var result = Bind($$"""{"inputs":[{"name":"X","shape":[600,2],"datatype":"FP32","data":[{{rows}}]},{"name":"mask","shape":[600],"datatype":"BOOL","data":[{{string.Join(",", Enumerable.Repeat("true", 600))}}]}]}""", maxRows: 1000);

        if (expected is not null)
        {
            StringAssert.Contains(result.Problem?.Detail, expected);
            return;
        }

        using var request = result.Value!;
        var x = (float[])request.Inputs[0].Data;
        for (var i = 0; i < 1200; i++)
        {
            Assert.AreEqual(i % 7 == 0 ? float.NaN : (i - 600) * 0.125f, x[i], $"value {i}");
        }
    }

    [TestMethod]
    public void Bind_EmptyBatch_IsAccepted()
    {
        using var request = Bind("""{"inputs":[{"name":"X","shape":[0,2],"datatype":"FP32","data":[]},{"name":"mask","shape":[0],"datatype":"BOOL","data":[]}],"outputs":null}""").Value!;

        Assert.AreEqual(0, request.Inputs[0].Length);
    }

    [TestMethod]
    [DataRow("""{"inputs":[{"name":"X","shape":[2,2],"datatype":"FP32","data":[1,2,3]},{"name":"mask","shape":[2],"datatype":"BOOL","data":[true,true]}]}""", "holds 4 values, data has 3")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,3],"datatype":"FP32","data":[1,2,3]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""", "shape [1, 3] given; expected 'X' FP32 of shape [-1, 2]")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP64","data":[1,2]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""", "datatype FP64 given")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,"a"]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""", "data[1] is \"a\"; expected a FP32 value")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,2]}]}""", "inputs.mask: required input is missing")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,2]},{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,2]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""", "given twice")]
    [DataRow("""{"inputs":[{"name":"Y","shape":[1,2],"datatype":"FP32","data":[1,2]}]}""", "unknown input 'Y'")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,2]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}],"outputs":[{"name":"nope"}]}""", "unknown output 'nope'")]
    [DataRow("""{"id":7,"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,2]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""", "id: expected a string")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32"},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""", "expected an input tensor")]
    [DataRow("""{"inputs":{}}""", "expected an array of input tensors: 'X' FP32 of shape [-1, 2]")]
    public void Bind_InvalidRequest_NamesTheInputAndWhatIsExpected(string body, string expected)
    {
        var problem = Bind(body).Problem;

        Assert.AreEqual(ProblemKind.Invalid, problem?.Kind);
        StringAssert.Contains(problem!.Detail, expected);
    }

    [TestMethod]
    public void Bind_MoreRowsThanTheLimit_IsTooLarge()
    {
        var problem = Bind("""{"inputs":[{"name":"X","shape":[200,2],"datatype":"FP32","data":[]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""").Problem;

        Assert.AreEqual(ProblemKind.TooLarge, problem?.Kind);
    }

    [TestMethod]
    public void Read_TruncatedJson_IsMalformedBeforeAnyModelIsAsked()
    {
        var envelope = InferenceEnvelopeReader.Read(Encoding.UTF8.GetBytes("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,2]}"""), headerLength: null);

        StringAssert.StartsWith(envelope.Problem?.Detail, "body: malformed JSON");
    }

    [TestMethod]
    public void Bind_BinaryTensorData_ReadsTheSameValuesAsJson()
    {
        float[] x = [1f, 2.5f, float.NaN, -0.004f, 0f, 7f];
        var header = Encoding.UTF8.GetBytes("""{"inputs":[{"name":"X","shape":[3,2],"datatype":"FP32","parameters":{"binary_data_size":24}},{"name":"mask","shape":[3],"datatype":"BOOL","parameters":{"binary_data_size":3}}],"parameters":{"binary_data_output":true}}""");
        byte[] body = [.. header, .. MemoryMarshal.AsBytes(x.AsSpan()), 1, 0, 1];

        var envelope = InferenceEnvelopeReader.Read(body, header.Length);
        using var request = OnnxInputBinder.Bind(envelope.Value!, Graph, 100).Value!;

        CollectionAssert.AreEqual(x, ((float[])request.Inputs[0].Data)[..6]);
        CollectionAssert.AreEqual(new[] { true, false, true }, ((bool[])request.Inputs[1].Data)[..3]);
        CollectionAssert.AreEquivalent(new[] { "logits", "probabilities" }, request.BinaryOutputs.ToArray());
    }

    [TestMethod]
    [DataRow(20, 3, 100, "binary_data_size is 20 bytes; shape [3, 2] of FP32 needs 24")]
    [DataRow(24, 3, 10, "Inference-Header-Content-Length: 10 bytes of binary data follow")]
    [DataRow(24, 3, 2000, "is not a length within the body")]
    public void Bind_BinaryDataThatDoesNotAddUp_IsRefused(int xSize, int maskSize, int extra, string expected)
    {
        var header = Encoding.UTF8.GetBytes($$$"""{"inputs":[{"name":"X","shape":[3,2],"datatype":"FP32","parameters":{"binary_data_size":{{{xSize}}}}},{"name":"mask","shape":[3],"datatype":"BOOL","parameters":{"binary_data_size":{{{maskSize}}}}}]}""");
        var binary = new byte[extra == 100 ? xSize + maskSize : extra];
        byte[] body = [.. header, .. binary];

        var envelope = InferenceEnvelopeReader.Read(body, extra == 2000 ? 5000 : header.Length);
        var problem = envelope.Problem ?? OnnxInputBinder.Bind(envelope.Value!, Graph, 100).Problem;

        StringAssert.Contains(problem?.Detail, expected);
    }

    [TestMethod]
    public void Read_BinarySizeWithoutTheHeader_AsksForIt()
    {
        var envelope = InferenceEnvelopeReader.Read(Encoding.UTF8.GetBytes("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32","parameters":{"binary_data_size":8}}]}"""), headerLength: null);

        StringAssert.Contains(envelope.Problem?.Detail, "Inference-Header-Content-Length");
    }

    [TestMethod]
    public void FloatText_ShortDecimals_ParseExactlyAsTheGeneralParser()
    {
        var random = new Random(5);
        string[] fixedCases = ["0", "-0", "1", "-1.5", "0.1", "3e-2", "1E+3", "16777216", "16777217", "0.0000000001", "123456.7", "-9.99999", "1.23456789", "7e10", "2e-10"];
        var cases = fixedCases.Concat(Enumerable.Range(0, 20_000).Select(_ =>
            ((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7))).ToString(random.Next(3) == 0 ? "R" : "F" + random.Next(0, 8).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)));
        foreach (var text in cases)
        {
            if (FloatText.TryParse(Encoding.ASCII.GetBytes(text), out var fast))
            {
                Assert.AreEqual(float.Parse(text, CultureInfo.InvariantCulture), fast, text);
            }
        }
    }

    private static Result<OnnxInferenceRequest> Bind(string json, int maxRows = 100)
    {
        var envelope = InferenceEnvelopeReader.Read(Encoding.UTF8.GetBytes(json), headerLength: null);
        return envelope.Failed(out var problem) ? problem : OnnxInputBinder.Bind(envelope.Value, Graph, maxRows);
    }
}
