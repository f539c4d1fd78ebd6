using System.Text;
using System.Text.Json;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Onnx;

namespace AiMaas.Core.Tests.Serving.Onnx;

/// <summary>The ONNX V2 fast path reads exactly what the document reader accepts, and leaves everything else to it.</summary>
[TestClass]
public sealed class OnnxTensorJsonReaderTests
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
    [DataRow("""{"id":"r1","inputs":[{"name":"X","shape":[3,2],"datatype":"FP32","data":[[1,2.5],[null,-4e-3],[0,7]]},{"name":"mask","shape":[3],"datatype":"BOOL","data":[true,false,true]}],"outputs":[{"name":"logits"}]}""")]
    [DataRow("""{"inputs":[{"name":"mask","datatype":"BOOL","shape":[2],"data":[true,true],"parameters":{"x":1}},{"datatype":"FP32","name":"X","shape":[2,2],"data":[1,2,3,4]}],"parameters":{"a":[1,{"b":2}]}}""")]
    [DataRow("""{"inputs":[{"name":"X","shape":[0,2],"datatype":"FP32","data":[]},{"name":"mask","shape":[0],"datatype":"BOOL","data":[]}],"outputs":null}""")]
    public void TryRead_ValidRequest_ReadsWhatTheDocumentReaderReads(string body)
    {
        var fast = OnnxTensorJsonReader.TryRead(Encoding.UTF8.GetBytes(body), Graph, 100);
        using var document = JsonDocument.Parse(body);
        var slow = OnnxInferenceRequestReader.Read(document.RootElement, Graph, 100);

        Assert.IsNotNull(fast);
        Assert.IsNull(slow.Problem, slow.Problem?.Detail);
        Assert.AreEqual(slow.Value!.Id, fast.Id);
        CollectionAssert.AreEqual(slow.Value.Outputs?.ToArray(), fast.Outputs?.ToArray());
        Assert.HasCount(slow.Value.Inputs.Count, fast.Inputs);
        for (var i = 0; i < fast.Inputs.Count; i++)
        {
            Assert.AreEqual(slow.Value.Inputs[i].Name, fast.Inputs[i].Name);
            Assert.AreEqual(slow.Value.Inputs[i].Datatype, fast.Inputs[i].Datatype);
            CollectionAssert.AreEqual(slow.Value.Inputs[i].Shape, fast.Inputs[i].Shape);
            CollectionAssert.AreEqual(slow.Value.Inputs[i].Data, fast.Inputs[i].Data);
        }
    }

    [TestMethod]
    [DataRow("""{"inputs":[{"name":"X","shape":[2,2],"datatype":"FP32","data":[1,2,3]},{"name":"mask","shape":[2],"datatype":"BOOL","data":[true,true]}]}""", "too few values")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,3],"datatype":"FP32","data":[1,2,3]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""", "fixed dimension")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP64","data":[1,2]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""", "datatype")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,"a"]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""", "a string value")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,2]}]}""", "a missing input")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,2]},{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,2]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""", "an input twice")]
    [DataRow("""{"inputs":[{"name":"X","shape":[200,2],"datatype":"FP32","data":[]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""", "too many rows")]
    [DataRow("""{"inputs":[{"name":"Y","shape":[1,2],"datatype":"FP32","data":[1,2]}]}""", "an unknown input")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,2]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}],"outputs":[{"name":"nope"}]}""", "an unknown output")]
    [DataRow("""{"id":7,"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,2]},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""", "a numeric id")]
    [DataRow("""{"inputs":[{"name":"X","data":[1,2],"shape":[1,2],"datatype":"FP32"},{"name":"mask","shape":[1],"datatype":"BOOL","data":[true]}]}""", "data before its shape")]
    [DataRow("""{"inputs":[{"name":"X","shape":[1,2],"datatype":"FP32","data":[1,2]}""", "truncated JSON")]
    public void TryRead_AnythingElse_LeavesItToTheDocumentReader(string body, string why)
    {
        Assert.IsNull(OnnxTensorJsonReader.TryRead(Encoding.UTF8.GetBytes(body), Graph, 100), why);
    }
}
