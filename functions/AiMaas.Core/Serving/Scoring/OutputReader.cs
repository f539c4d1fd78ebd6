using AiMaas.Core.Registry;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Serving.Scoring;

/// <summary>Reads the scored rows out of a transformed data view (the batch path) in the shape of the model's task.</summary>
internal static class OutputReader
{
    public static IReadOnlyList<object> Read(IDataView scored, ModelManifest manifest, int rows) =>
        ReadBatch(scored, manifest, rows).ToPredictions();

    public static ScoredBatch ReadBatch(IDataView scored, ModelManifest manifest, int rows) =>
        ReadBatch(scored, manifest.Task, manifest.Classes, rows);

    public static ScoredBatch ReadBatch(IDataView scored, TaskKind task, IReadOnlyList<string>? classes, int rows)
    {
        var results = new ScoredBatch(task, rows, classes);
        var schema = scored.Schema;
        var score = schema[OutputColumns.Score];
        using var cursor = scored.GetRowCursor(schema.Where(c => c.Name is OutputColumns.Score or OutputColumns.PredictedLabel or OutputColumns.Probability));
        var row = 0;
        switch (task)
        {
            case TaskKind.Regression:
                {
                    var getScore = cursor.GetGetter<float>(score);
                    while (cursor.MoveNext() && row < rows)
                    {
                        getScore(ref results.Scores![row++]);
                    }

                    break;
                }

            case TaskKind.Binary:
                {
                    var getScore = cursor.GetGetter<float>(score);
                    var getLabel = cursor.GetGetter<bool>(schema[OutputColumns.PredictedLabel]);
                    var getProbability = cursor.GetGetter<float>(schema[OutputColumns.Probability]);
                    while (cursor.MoveNext() && row < rows)
                    {
                        getScore(ref results.Scores![row]);
                        getLabel(ref results.BinaryLabels![row]);
                        getProbability(ref results.Probabilities![row]);
                        row++;
                    }

                    break;
                }

            default:
                {
                    var getScores = cursor.GetGetter<VBuffer<float>>(score);
                    var getLabel = cursor.GetGetter<ReadOnlyMemory<char>>(schema[OutputColumns.PredictedLabel]);
                    VBuffer<float> scores = default;
                    ReadOnlyMemory<char> label = default;
                    var classCount = results.ClassCount;
                    while (cursor.MoveNext() && row < rows)
                    {
                        getScores(ref scores);
                        getLabel(ref label);
                        results.ClassLabels![row] = label.ToString();
                        ScoreVector.CopyTo(scores, results.Probabilities.AsSpan(row * classCount, classCount));
                        row++;
                    }

                    break;
                }
        }

        return results;
    }
}
