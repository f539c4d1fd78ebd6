using AiMaas.Core.Registry;
using AiMaas.Core.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Serving;

/// <summary>Reads the scored rows out of a transformed data view in the shape of the model's task.</summary>
internal static class OutputReader
{
    public static IReadOnlyList<object> Read(IDataView scored, ModelManifest manifest, int rows)
    {
        var results = new List<object>(rows);
        var schema = scored.Schema;
        var score = schema["Score"];
        using var cursor = scored.GetRowCursor(schema.Where(c => c.Name is "Score" or "PredictedLabel" or "Probability"));
        switch (manifest.Task)
        {
            case TaskKind.Regression:
                {
                    var getScore = cursor.GetGetter<float>(score);
                    float value = 0;
                    while (cursor.MoveNext())
                    {
                        getScore(ref value);
                        results.Add(new RegressionPrediction(value));
                    }

                    break;
                }

            case TaskKind.Binary:
                {
                    var getScore = cursor.GetGetter<float>(score);
                    var getLabel = cursor.GetGetter<bool>(schema["PredictedLabel"]);
                    var getProbability = cursor.GetGetter<float>(schema["Probability"]);
                    float scoreValue = 0, probability = 0;
                    var label = false;
                    while (cursor.MoveNext())
                    {
                        getScore(ref scoreValue);
                        getLabel(ref label);
                        getProbability(ref probability);
                        results.Add(new BinaryPrediction(label, probability, scoreValue));
                    }

                    break;
                }

            default:
                {
                    var classes = manifest.Classes ?? [];
                    var getScores = cursor.GetGetter<VBuffer<float>>(score);
                    var getLabel = cursor.GetGetter<ReadOnlyMemory<char>>(schema["PredictedLabel"]);
                    VBuffer<float> scores = default;
                    ReadOnlyMemory<char> label = default;
                    while (cursor.MoveNext())
                    {
                        getScores(ref scores);
                        getLabel(ref label);
                        var probabilities = new Dictionary<string, float>(classes.Count, StringComparer.Ordinal);
                        var values = scores.DenseValues().ToArray();
                        for (var i = 0; i < values.Length && i < classes.Count; i++)
                        {
                            probabilities[classes[i]] = values[i];
                        }

                        results.Add(new MulticlassPrediction(label.ToString(), probabilities));
                    }

                    break;
                }
        }

        return results;
    }
}
