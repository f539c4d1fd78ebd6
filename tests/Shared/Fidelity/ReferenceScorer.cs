using AiMaas.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Tests.Fidelity;

/// <summary>
/// The reference every serving path is held to: the stored model loaded with ML.NET and run with its own
/// <see cref="ITransformer.Transform"/>, outputs read column by column from the transformed view.
/// </summary>
public static class ReferenceScorer
{
    public static IReadOnlyList<ReferenceOutput> Score(byte[] modelZip, IReadOnlyList<FidelityRow> rows)
    {
        var model = new MLContext(seed: 1).Model.Load(new MemoryStream(modelZip, writable: false), out var inputSchema);
        var columns = inputSchema.Select(c => c.Type is TextDataViewType
            ? (Array)rows.Select(r => ((r.Values[c.Name] as string) ?? "").AsMemory()).ToArray()
            : rows.Select(r => r.Values[c.Name] is float value ? value : float.NaN).ToArray()).ToArray();
        var scored = model.Transform(new TabularDataView(inputSchema, columns, rows.Count));
        return Read(scored);
    }

    private static List<ReferenceOutput> Read(IDataView scored)
    {
        var schema = scored.Schema;
        var score = schema["Score"];
        var label = schema.GetColumnOrNull("PredictedLabel");
        var probability = schema.GetColumnOrNull("Probability");
        using var cursor = scored.GetRowCursor(schema);
        var outputs = new List<ReferenceOutput>();
        if (score.Type is VectorDataViewType)
        {
            VBuffer<ReadOnlyMemory<char>> slotNames = default;
            score.GetSlotNames(ref slotNames);
            var classes = slotNames.DenseValues().Select(n => n.ToString()).ToArray();
            var getScores = cursor.GetGetter<VBuffer<float>>(score);
            var getLabel = cursor.GetGetter<ReadOnlyMemory<char>>(label!.Value);
            VBuffer<float> scores = default;
            ReadOnlyMemory<char> text = default;
            while (cursor.MoveNext())
            {
                getScores(ref scores);
                getLabel(ref text);
                var values = scores.DenseValues().ToArray();
                outputs.Add(new ReferenceOutput(null, text.ToString(), null, classes.Select((c, i) => (c, values[i])).ToDictionary(p => p.c, p => p.Item2)));
            }

            return outputs;
        }

        var getScore = cursor.GetGetter<float>(score);
        var getBool = label is { } l ? cursor.GetGetter<bool>(l) : null;
        var getProbability = probability is { } p ? cursor.GetGetter<float>(p) : null;
        while (cursor.MoveNext())
        {
            float value = 0, chance = 0;
            var flag = false;
            getScore(ref value);
            getBool?.Invoke(ref flag);
            getProbability?.Invoke(ref chance);
            outputs.Add(new ReferenceOutput(value, getBool is null ? null : flag, getProbability is null ? null : chance, null));
        }

        return outputs;
    }
}
