using AiMaas.Core.Datasets;
using AiMaas.Core.Registry;

namespace AiMaas.Core.Drift;

/// <summary>Computes <see cref="FeatureStatistics"/> for each feature from the training table, in one pass per feature.</summary>
public static class FeatureStatisticsCalculator
{
    public const int Bins = 10;
    public const int MaxCategories = 50;

    /// <summary>Numbers kept per feature to place the bin edges; past this many rows the edges come from a seeded uniform sample.</summary>
    public const int SampleSize = 100_000;

    public static IReadOnlyList<FeatureStatistics> Compute(CsvTable table, IReadOnlyList<FeatureDefinition> features) =>
        Compute(table.Headers, table.Rows, features);

    /// <summary>One streaming pass over <paramref name="rows"/>: memory grows with the features, not the rows.</summary>
    public static IReadOnlyList<FeatureStatistics> Compute(IReadOnlyList<string> headers, IEnumerable<string[]> rows, IReadOnlyList<FeatureDefinition> features)
    {
        var present = features.Where(f => headers.Contains(f.Name)).ToArray();
        var columns = present.Select(f => headers.ToList().IndexOf(f.Name)).ToArray();
        var samples = present.Select(_ => new List<double>()).ToArray();
        var seen = new long[present.Length];
        var counts = present.Select(_ => new Dictionary<string, long>(StringComparer.Ordinal)).ToArray();
        var random = new Random(20261201);
        long total = 0;
        foreach (var row in rows)
        {
            total++;
            for (var f = 0; f < present.Length; f++)
            {
                var raw = row[columns[f]];
                if (ColumnTypeInference.IsMissing(raw))
                {
                    continue;
                }

                if (present[f].Type == ColumnKind.Text)
                {
                    counts[f][raw] = counts[f].GetValueOrDefault(raw) + 1;
                    seen[f]++;
                }
                else if (ColumnTypeInference.TryParseNumber(raw, out var value))
                {
                    // Reservoir sampling: every number has the same chance to be among the kept ones.
                    seen[f]++;
                    if (samples[f].Count < SampleSize)
                    {
                        samples[f].Add(value);
                    }
                    else if (random.NextInt64(seen[f]) is var slot && slot < SampleSize)
                    {
                        samples[f][(int)slot] = value;
                    }
                }
            }
        }

        return present.Select((feature, f) => feature.Type == ColumnKind.Number
            ? Numeric(feature.Name, samples[f], seen[f], total)
            : Text(feature.Name, counts[f], seen[f], total)).ToArray();
    }

    private static FeatureStatistics Numeric(string name, List<double> values, long present, long rows)
    {
        values.Sort();
        var edges = new List<double>();
        for (var i = 1; i < Bins && values.Count > 0; i++)
        {
            var edge = values[Math.Min(values.Count - 1, (int)Math.Floor(i * (values.Count - 1) / (double)Bins))];
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }

        var counts = new long[edges.Count + 1];
        foreach (var value in values)
        {
            counts[BinOf(edges, value)]++;
        }

        return new FeatureStatistics
        {
            Name = name,
            Type = ColumnKind.Number,
            Rows = rows,
            MissingShare = Share(rows - present, rows),
            Edges = edges,
            Proportions = counts.Select(c => Share(c, values.Count)).ToArray(),
        };
    }

    private static FeatureStatistics Text(string name, Dictionary<string, long> counts, long present, long rows)
    {
        var top = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(MaxCategories).ToList();
        return new FeatureStatistics
        {
            Name = name,
            Type = ColumnKind.Text,
            Rows = rows,
            MissingShare = Share(rows - present, rows),
            Categories = top.ToDictionary(c => c.Key, c => Share(c.Value, present), StringComparer.Ordinal),
            OtherShare = Share(present - top.Sum(c => c.Value), present),
            AllCategoriesListed = counts.Count <= MaxCategories,
        };
    }

    /// <summary>The bin of <paramref name="value"/>: the first edge it does not exceed, or the last bin.</summary>
    public static int BinOf(IReadOnlyList<double> edges, double value)
    {
        int low = 0, high = edges.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (value <= edges[middle])
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private static double Share(long part, long whole) => whole == 0 ? 0 : Math.Round(part / (double)whole, 6);
}
