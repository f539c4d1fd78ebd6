using AiMaas.Core.Data;
using AiMaas.Core.Evaluation;
using AiMaas.Core.Registry;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Explanations;

/// <summary>
/// Permutation feature importance: the model scores the held-out rows as they are, then with one input column's values
/// shuffled between the rows (a whole column, so a text column's categories move together), a few times per column.
/// Large hold-outs are sampled (seeded) so that the cost stays a small fraction of training.
/// </summary>
internal static class PermutationImportance
{
    public const int MaxRows = 5_000;

    public const int Permutations = 3;

    public static FeatureImportance? Compute(ITransformer model, ModelManifest manifest, HoldOut holdOut, int seed)
    {
        if (holdOut.Count < 2)
        {
            return null;
        }

        var schema = FeatureSchema.ToDataViewSchema(manifest.Features);
        var random = new Random(seed);
        var rows = Enumerable.Range(0, holdOut.Count).ToArray();
        if (rows.Length > MaxRows)
        {
            random.Shuffle(rows);
            rows = rows[..MaxRows];
            Array.Sort(rows);
        }

        var columns = ReadColumns(holdOut.Rows, schema, rows);
        var sample = Labelled(holdOut, new TabularDataView(schema, columns, rows.Length), rows);
        var (metric, baseline) = Baseline(model, manifest, sample);
        if (metric is null)
        {
            return null;
        }

        var sign = TaskMetrics.IsBetter(metric, 1, 0) ? 1 : -1;
        var importances = new List<ColumnImportance>();
        for (var c = 0; c < columns.Length; c++)
        {
            var drops = new double[Permutations];
            for (var p = 0; p < Permutations; p++)
            {
                var order = Enumerable.Range(0, rows.Length).ToArray();
                random.Shuffle(order);
                var shuffled = (Array[])columns.Clone();
                shuffled[c] = Permute(columns[c], order);
                var score = HoldOutScorer.Score(model, manifest, sample with { Rows = new TabularDataView(schema, shuffled, rows.Length) }, metric);
                drops[p] = sign * (baseline - score);
            }

            var mean = drops.Average();
            var deviation = Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / (Permutations - 1));
            importances.Add(new ColumnImportance(schema[c].Name, Math.Round(mean, 6), Math.Round(deviation, 6)));
        }

        return new FeatureImportance(
            metric,
            Math.Round(baseline, 6),
            Permutations,
            rows.Length,
            holdOut.Count,
            rows.Length < holdOut.Count,
            seed,
            importances.OrderByDescending(i => i.Importance).ThenBy(i => i.Column, StringComparer.Ordinal).ToArray());
    }

    /// <summary>The task's main metric, or the next one when it is undefined on these rows (AUC with a single class).</summary>
    private static (string? Metric, double Baseline) Baseline(ITransformer model, ModelManifest manifest, HoldOut sample)
    {
        foreach (var metric in TaskMetrics.For(manifest.Task))
        {
            var value = HoldOutScorer.Score(model, manifest, sample, metric);
            if (double.IsFinite(value))
            {
                return (metric, value);
            }
        }

        return (null, 0);
    }

    private static HoldOut Labelled(HoldOut holdOut, TabularDataView view, int[] rows) => new(view, holdOut.Task, rows.Length)
    {
        Values = holdOut.Values.Count > 0 ? rows.Select(r => holdOut.Values[r]).ToArray() : [],
        Flags = holdOut.Flags.Count > 0 ? rows.Select(r => holdOut.Flags[r]).ToArray() : [],
        Classes = holdOut.Classes.Count > 0 ? rows.Select(r => holdOut.Classes[r]).ToArray() : [],
    };

    private static Array Permute(Array column, int[] order)
    {
        var result = Array.CreateInstance(column.GetType().GetElementType()!, column.Length);
        for (var i = 0; i < order.Length; i++)
        {
            Array.Copy(column, order[i], result, i, 1);
        }

        return result;
    }

    /// <summary>The input columns of the chosen held-out rows (numbers as floats with NaN for missing, text as text).</summary>
    private static Array[] ReadColumns(IDataView data, DataViewSchema schema, int[] rows)
    {
        var wanted = new HashSet<int>(rows);
        var columns = schema.Select(c => c.Type is TextDataViewType ? (Array)new ReadOnlyMemory<char>[rows.Length] : new float[rows.Length]).ToArray();
        var sources = schema.Select(c => data.Schema[c.Name]).ToArray();
        using var cursor = data.GetRowCursor(sources);
        var getters = sources.Select((s, i) => columns[i] is float[]
            ? (Action<int>)(row => { float v = 0; cursor.GetGetter<float>(s)(ref v); ((float[])columns[i])[row] = v; })
            : row => { ReadOnlyMemory<char> v = default; cursor.GetGetter<ReadOnlyMemory<char>>(s)(ref v); ((ReadOnlyMemory<char>[])columns[i])[row] = v; }).ToArray();
        var index = 0;
        var kept = 0;
        while (cursor.MoveNext())
        {
            if (wanted.Contains(index))
            {
                foreach (var get in getters)
                {
                    get(kept);
                }

                kept++;
            }

            index++;
        }

        return columns;
    }
}
