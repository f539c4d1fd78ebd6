using System.Text.Json;
using AiMaas.Core.Data;
using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Vocabulary;
using Microsoft.ML;

namespace AiMaas.Core.Tests.Serving;

[TestClass]
public sealed class InstanceReaderTests
{
    [TestMethod]
    public void Read_ValidInstances_ReturnsRowsTypedByTheModelSchema()
    {
        var (_, schema) = ModelServing.Load(Models.Regression);

        var result = Read("""{"instances":[{"a":1.5,"b":2,"color":"red"},{"a":-3,"b":0.25,"color":"blue","extra":"ignored"}]}""", schema);

        Assert.IsNull(result.Problem);
        var view = result.Value!;
        Assert.AreEqual(2L, view.GetRowCount());
        CollectionAssert.AreEqual(new[] { 1.5f, -3f }, Column<float>(view, "a"));
        CollectionAssert.AreEqual(new[] { 2f, 0.25f }, Column<float>(view, "b"));
        CollectionAssert.AreEqual(new[] { "red", "blue" }, Column<ReadOnlyMemory<char>>(view, "color").Select(c => c.ToString()).ToArray());
    }

    [TestMethod]
    public void Read_NullForNumericFeature_IsReadAsMissing()
    {
        var (_, schema) = ModelServing.Load(Models.Regression);

        var result = Read("""{"instances":[{"a":null,"b":1,"color":"green"}]}""", schema);

        Assert.IsNull(result.Problem);
        Assert.IsTrue(float.IsNaN(Column<float>(result.Value!, "a")[0]));
    }

    [TestMethod]
    public void Read_NumberForTextFeature_IsReadAsItsText()
    {
        var (_, schema) = ModelServing.Load(Models.Regression);

        var result = Read("""{"instances":[{"a":1,"b":1,"color":7}]}""", schema);

        Assert.IsNull(result.Problem);
        Assert.AreEqual("7", Column<ReadOnlyMemory<char>>(result.Value!, "color")[0].ToString());
    }

    [TestMethod]
    public void Read_MissingFeature_NamesInstanceFeatureAndExpectedType()
    {
        var (_, schema) = ModelServing.Load(Models.Regression);

        var problem = ReadProblem("""{"instances":[{"a":1,"b":2,"color":"red"},{"a":1,"color":"red"}]}""", schema);

        Assert.AreEqual(ProblemKind.Invalid, problem.Kind);
        CollectionAssert.AreEqual(new[] { "instances[1].b" }, problem.Errors!.Keys.ToArray());
        Assert.Contains("missing", problem.Errors["instances[1].b"].Single());
        Assert.Contains("a number", problem.Errors["instances[1].b"].Single());
    }

    [TestMethod]
    public void Read_StringForNumericFeature_NamesFeatureExpectedTypeAndValue()
    {
        var (_, schema) = ModelServing.Load(Models.Regression);

        var problem = ReadProblem("""{"instances":[{"a":"1.5","b":2,"color":"red"}]}""", schema);

        CollectionAssert.AreEqual(new[] { "instances[0].a" }, problem.Errors!.Keys.ToArray());
        var message = problem.Errors["instances[0].a"].Single();
        Assert.Contains("expected a number", message);
        Assert.Contains("\"1.5\"", message);
        Assert.Contains("instances[0].a", problem.Detail);
    }

    [TestMethod]
    [DataRow("true", "a boolean")]
    [DataRow("[1]", "an array")]
    [DataRow("{}", "an object")]
    public void Read_OtherWrongTypesForNumericFeature_SayWhatWasSent(string value, string sent)
    {
        var (_, schema) = ModelServing.Load(Models.Regression);

        var problem = ReadProblem($$"""{"instances":[{"a":1,"b":{{value}},"color":"red"}]}""", schema);

        Assert.Contains(sent, problem.Errors!["instances[0].b"].Single());
    }

    [TestMethod]
    public void Read_ObjectForTextFeature_NamesFeatureAndExpectedType()
    {
        var (_, schema) = ModelServing.Load(Models.Regression);

        var problem = ReadProblem("""{"instances":[{"a":1,"b":2,"color":{"name":"red"}}]}""", schema);

        Assert.Contains("expected a string", problem.Errors!["instances[0].color"].Single());
    }

    [TestMethod]
    public void Read_NonObjectInstance_NamesTheInstance()
    {
        var (_, schema) = ModelServing.Load(Models.Regression);

        var problem = ReadProblem("""{"instances":[{"a":1,"b":2,"color":"red"},[1,2,"red"]]}""", schema);

        CollectionAssert.AreEqual(new[] { "instances[1]" }, problem.Errors!.Keys.ToArray());
        Assert.Contains("expected an object", problem.Errors["instances[1]"].Single());
    }

    [TestMethod]
    public void Read_SeveralBadInstances_NamesEveryBadField()
    {
        var (_, schema) = ModelServing.Load(Models.Regression);

        var problem = ReadProblem("""{"instances":[{"a":"x","b":2,"color":"red"},{"a":1,"b":2,"color":"red"},{"color":"red"}]}""", schema);

        CollectionAssert.AreEquivalent(new[] { "instances[0].a", "instances[2].a", "instances[2].b" }, problem.Errors!.Keys.ToArray());
    }

    [TestMethod]
    public void Read_EmptyInstances_IsInvalid()
    {
        var (_, schema) = ModelServing.Load(Models.Regression);

        var problem = ReadProblem("""{"instances":[]}""", schema);

        Assert.AreEqual(ProblemKind.Invalid, problem.Kind);
        Assert.Contains("at least one", problem.Errors!["instances"].Single());
    }

    [TestMethod]
    [DataRow("""{"rows":[{"a":1}]}""")]
    [DataRow("""{"instances":{"a":1}}""")]
    [DataRow("""[{"a":1}]""")]
    public void Read_NoInstancesArray_NamesInstances(string json)
    {
        var (_, schema) = ModelServing.Load(Models.Regression);

        var problem = ReadProblem(json, schema);

        Assert.AreEqual(ProblemKind.Invalid, problem.Kind);
        CollectionAssert.AreEqual(new[] { "instances" }, problem.Errors!.Keys.ToArray());
    }

    [TestMethod]
    public void Read_MoreInstancesThanAllowed_IsTooLarge()
    {
        var (_, schema) = ModelServing.Load(Models.Regression);
        var instance = """{"a":1,"b":2,"color":"red"}""";

        var problem = ReadProblem($$"""{"instances":[{{string.Join(',', Enumerable.Repeat(instance, 4))}}]}""", schema, maxInstances: 3);

        Assert.AreEqual(ProblemKind.TooLarge, problem.Kind);
        Assert.Contains("4 instances", problem.Detail);
        Assert.Contains("limit of 3", problem.Detail);
    }

    [TestMethod]
    public void Read_ExactlyTheAllowedInstances_IsAccepted()
    {
        var (_, schema) = ModelServing.Load(Models.Regression);
        var instance = """{"a":1,"b":2,"color":"red"}""";

        var result = Read($$"""{"instances":[{{string.Join(',', Enumerable.Repeat(instance, 3))}}]}""", schema, maxInstances: 3);

        Assert.IsNull(result.Problem);
        Assert.AreEqual(3L, result.Value!.GetRowCount());
    }

    private static Result<TabularDataView> Read(string json, DataViewSchema schema, int maxInstances = 100)
    {
        using var document = JsonDocument.Parse(json);
        return InstanceReader.Read(document.RootElement, schema, maxInstances);
    }

    private static Problem ReadProblem(string json, DataViewSchema schema, int maxInstances = 100)
    {
        var result = Read(json, schema, maxInstances);
        Assert.IsNull(result.Value);
        Assert.IsNotNull(result.Problem);
        return result.Problem;
    }

    private static T[] Column<T>(TabularDataView view, string name)
    {
        var column = view.Schema[name];
        var values = new List<T>();
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<T>(column);
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }

        return [.. values];
    }
}
