using System.Text;
using AiMaas.Core.Serving.OpenInference;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Serving;

[TestClass]
public sealed class InferenceRequestReaderTests
{
    [TestMethod]
    public void Read_FlatAndNestedData_ReadsTheSameColumns()
    {
        var flat = Read("""
            {"id":"7","inputs":[
              {"name":"a","shape":[2],"datatype":"FP64","data":[1.5,null]},
              {"name":"b","shape":[2],"datatype":"INT32","data":[2,3]},
              {"name":"color","shape":[2],"datatype":"BYTES","data":["red","blue"]}]}
            """);
        var nested = Read("""
            {"inputs":[
              {"name":"color","shape":[2,1],"datatype":"BYTES","data":[["red"],["blue"]]},
              {"name":"a","shape":[2,1],"datatype":"FP32","data":[[1.5],[null]]},
              {"name":"b","shape":[2,1],"datatype":"FP32","data":[[2],[3]]}]}
            """);

        Assert.IsNull(flat.Problem, flat.Problem?.Detail);
        Assert.IsNull(nested.Problem, nested.Problem?.Detail);
        Assert.AreEqual("7", flat.Value!.Id);
        Assert.IsNull(nested.Value!.Id);
        foreach (var request in new[] { flat.Value, nested.Value })
        {
            Assert.AreEqual(2, request.Batch.RowCount);
            var a = (float[])request.Batch.Columns[request.Batch.Schema["a"].Index];
            Assert.AreEqual(1.5f, a[0]);
            Assert.IsTrue(float.IsNaN(a[1]), "null is a missing value");
            var color = (ReadOnlyMemory<char>[])request.Batch.Columns[request.Batch.Schema["color"].Index];
            Assert.AreEqual("blue", color[1].ToString());
        }
    }

    [TestMethod]
    public void Read_MoreRowsThanTheLimit_IsTooLarge()
    {
        var result = Read("""
            {"inputs":[
              {"name":"a","shape":[3],"datatype":"FP32","data":[1,2,3]},
              {"name":"b","shape":[3],"datatype":"FP32","data":[1,2,3]},
              {"name":"color","shape":[3],"datatype":"BYTES","data":["red","red","red"]}]}
            """, maxRows: 2);

        Assert.AreEqual(ProblemKind.TooLarge, result.Problem?.Kind);
    }

    [TestMethod]
    public void Read_MissingInputs_NamesEachWithItsDatatype()
    {
        var result = Read("""{"inputs":[{"name":"a","shape":[1],"datatype":"FP32","data":[1]}]}""");

        Assert.AreEqual(ProblemKind.Invalid, result.Problem?.Kind);
        CollectionAssert.AreEquivalent(new[] { "inputs.b", "inputs.color" }, result.Problem!.Errors!.Keys.ToArray());
        Assert.Contains("BYTES", result.Problem.Errors["inputs.color"].Single());
    }

    [TestMethod]
    public void Read_RequestedOutputs_AreKeptAndCheckedAgainstTheTask()
    {
        const string inputs = """
            "inputs":[
              {"name":"a","shape":[1],"datatype":"FP32","data":[1]},
              {"name":"b","shape":[1],"datatype":"FP32","data":[1]},
              {"name":"color","shape":[1],"datatype":"BYTES","data":["red"]}]
            """;

        var known = Read($$"""{{{inputs}},"outputs":[{"name":"score"}]}""");
        var unknown = Read($$"""{{{inputs}},"outputs":[{"name":"probabilities"}]}""");

        CollectionAssert.AreEqual(new[] { "score" }, known.Value!.Outputs!.ToArray());
        Assert.Contains("unknown output 'probabilities'", unknown.Problem!.Detail);
    }

    private static Result<InferenceRequest> Read(string json, int maxRows = 100)
    {
        var (_, schema) = ModelServing.Load(Models.Regression);
        var envelope = InferenceEnvelopeReader.Read(Encoding.UTF8.GetBytes(json), headerLength: null);
        return envelope.Failed(out var problem) ? problem : InferenceRequestReader.Read(envelope.Value, schema, TaskKind.Regression, maxRows);
    }
}
