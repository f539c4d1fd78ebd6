using System.Text.Json;
using AiMaas.Core.Data;
using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Serving;

/// <summary>The pooled row engines must answer exactly what ML.NET's own transform path answers, alone, in batches and in parallel.</summary>
[TestClass]
public sealed class ModelScorerTests
{
    public static IEnumerable<object[]> Tasks => [[TaskKind.Regression], [TaskKind.Binary], [TaskKind.Multiclass]];

    [TestMethod]
    [DynamicData(nameof(Tasks))]
    public void Score_OneRow_EqualsTheTransformPath(TaskKind task)
    {
        var (scorer, batch) = Prepare(task, rows: 1, parallelThreshold: 1000);

        AssertSame(scorer.ScoreWithTransform(batch), scorer.Score(batch));
    }

    [TestMethod]
    [DynamicData(nameof(Tasks))]
    public void Score_LargeBatchInParallelChunks_EqualsTheTransformPath(TaskKind task)
    {
        var (scorer, batch) = Prepare(task, rows: 999, parallelThreshold: 16);

        AssertSame(scorer.ScoreWithTransform(batch), scorer.Score(batch));
    }

    [TestMethod]
    public async Task Score_ConcurrentCallers_EachGetTheirOwnRowsScored()
    {
        var (scorer, batch) = Prepare(TaskKind.Regression, rows: 50, parallelThreshold: 1000);
        var expected = scorer.ScoreWithTransform(batch).Scores!;

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => scorer.Score(batch))));

        foreach (var result in results)
        {
            CollectionAssert.AreEqual(expected, result.Scores);
        }
    }

    private static (ModelScorer Scorer, TabularDataView Batch) Prepare(TaskKind task, int rows, int parallelThreshold)
    {
        var (model, instance) = task switch
        {
            TaskKind.Regression => (Models.Regression, (Func<int, string>)(i => $$"""{"a":{{i % 10}},"b":{{((i % 7) == 3 ? "null" : (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture))}},"color":"{{TestData.Colors[i % 3]}}"}""")),
            TaskKind.Binary => (Models.Binary, i => $$"""{"x1":0.{{i % 10}},"x2":0.{{(i * 7) % 10}},"segment":"{{(i % 2 == 0 ? "retail" : "business")}}"}"""),
            _ => (Models.Multiclass, i => $$"""{"petal_length":{{1 + (i % 6)}}.5,"petal_width":0.{{i % 10}}}"""),
        };
        var (transformer, schema) = ModelServing.Load(model);
        var scorer = new ModelScorer(transformer, schema, ModelServing.Manifest(model), parallelThreshold);
        using var document = JsonDocument.Parse($$"""{"instances":[{{string.Join(',', Enumerable.Range(0, rows).Select(instance))}}]}""");
        var batch = InstanceReader.Read(document.RootElement, schema, rows).Value!;
        return (scorer, batch);
    }

    private static void AssertSame(ScoredBatch expected, ScoredBatch actual)
    {
        Assert.AreEqual(expected.Rows, actual.Rows);
        CollectionAssert.AreEqual(expected.Scores, actual.Scores);
        CollectionAssert.AreEqual(expected.BinaryLabels, actual.BinaryLabels);
        CollectionAssert.AreEqual(expected.Probabilities, actual.Probabilities);
        CollectionAssert.AreEqual(expected.ClassLabels, actual.ClassLabels);
    }
}
