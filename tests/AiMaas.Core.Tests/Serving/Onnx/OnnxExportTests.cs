using AiMaas.Core.Serving.Fidelity;
using AiMaas.Core.Serving.Onnx;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Vocabulary;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AiMaas.Core.Tests.Serving.Onnx;

/// <summary>A version exported to ONNX answers in ONNX Runtime what ML.NET's own Transform answers.</summary>
[TestClass]
public sealed class OnnxExportTests
{
    public static IEnumerable<object[]> Tasks => [[TaskKind.Regression], [TaskKind.Binary], [TaskKind.Multiclass]];

    [TestMethod]
    [DynamicData(nameof(Tasks))]
    public void Convert_PlatformModel_OnnxRuntimeAgreesWithMlNetWithin1e5(TaskKind task)
    {
        var trained = task switch { TaskKind.Regression => Models.Regression, TaskKind.Binary => Models.Binary, _ => Models.Multiclass };
        var export = OnnxExporter.Convert(ModelServing.Manifest(trained), trained.Zip);
        Assert.IsNull(export.Problem, export.Problem?.Detail);
        var (transformer, schema) = ModelServing.Load(trained);
        var rows = ProbeRows.Synthetic(schema);

        var expected = ScoreColumn(transformer.Transform(rows), rows.RowCount);
        using var session = new InferenceSession(export.Value!);
        var inputs = schema.Select(c => rows.Columns[c.Index] switch
        {
            float[] v => NamedOnnxValue.CreateFromTensor(c.Name, new DenseTensor<float>(v, [v.Length, 1])),
            ReadOnlyMemory<char>[] t => NamedOnnxValue.CreateFromTensor(c.Name, new DenseTensor<string>(t.Select(x => x.ToString()).ToArray(), [t.Length, 1])),
            var other => throw new AssertFailedException($"column {c.Name} holds {other.GetType().Name}"),
        }).ToList();
        using var results = session.Run(inputs);
        var score = results.First(r => r.Name.StartsWith("Score", StringComparison.Ordinal)).AsEnumerable<float>().ToArray();

        var perRow = expected.Length / rows.RowCount;
        Assert.AreEqual(expected.Length, score.Length);
        // Every synthetic row, the missing values and the millions included.
        for (var r = 0; r < rows.RowCount; r++)
        {
            for (var k = 0; k < perRow; k++)
            {
                var (e, a) = (expected[(r * perRow) + k], score[(r * perRow) + k]);
                Assert.AreEqual(e, a, 1e-5 * Math.Max(1, Math.Abs(e)), $"row {r}, value {k}");
            }
        }
    }

    [TestMethod]
    public void Convert_PipelineWithAStepWithoutOnnxForm_Is409NamingTheSteps()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 50).Select(i => new ExpressionRow { X = i, Label = (2 * i) + 1 }));
        var pipeline = ml.Transforms.Expression("Doubled", "x => x * 2", nameof(ExpressionRow.X))
            .Append(ml.Transforms.Concatenate("Features", "Doubled"))
            .Append(ml.Regression.Trainers.Sdca(maximumNumberOfIterations: 5));
        var model = pipeline.Fit(data);
        using var zip = new MemoryStream();
        ml.Model.Save(model, data.Schema, zip);
        var manifest = ModelServing.Manifest(Models.Regression) with { Version = 7 };

        var export = OnnxExporter.Convert(manifest, zip.ToArray());

        Assert.IsNotNull(export.Problem, "a pipeline with an expression step was exported");
        Assert.AreEqual(ProblemKind.Conflict, export.Problem.Kind);
        StringAssert.Contains(export.Problem.Detail, "cannot be exported to ONNX");
        StringAssert.Contains(export.Problem.Detail, "ExpressionTransformer");
    }

    private static float[] ScoreColumn(IDataView scored, int rows)
    {
        var column = scored.Schema["Score"];
        var values = new List<float>();
        using var cursor = scored.GetRowCursor([column]);
        if (column.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> buffer = default;
            while (cursor.MoveNext())
            {
                getter(ref buffer);
                values.AddRange(buffer.DenseValues());
            }
        }
        else
        {
            var getter = cursor.GetGetter<float>(column);
            var value = 0f;
            while (cursor.MoveNext())
            {
                getter(ref value);
                values.Add(value);
            }
        }

        Assert.AreEqual(rows * Math.Max(1, values.Count / rows), values.Count);
        return values.ToArray();
    }

    public sealed class ExpressionRow
    {
        public float X { get; set; }

        public float Label { get; set; }
    }
}
