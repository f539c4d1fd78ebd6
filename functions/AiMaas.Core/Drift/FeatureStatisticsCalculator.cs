using AiMaas.Core.Datasets;
using AiMaas.Core.Registry;

namespace AiMaas.Core.Drift;

/// <summary>Computes <see cref="FeatureStatistics"/> for each feature from the training table, in one pass per feature.</summary>
public static class FeatureStatisticsCalculator
{
    public const int Bins = 10;
    public const int MaxCategories = 50;

    public static IReadOnlyList<FeatureStatistics> Compute(CsvTable table, IReadOnlyList<FeatureDefinition> features)
    {
        var statistics = new List<FeatureStatistics>(features.Count);
        foreach (var feature in features)
        {
            var column = table.ColumnIndex(feature.Name);
            if (column < 0)
            {
                continue;
            }

            statistics.Add(feature.Type == ColumnKind.Number ? Numeric(table, column, feature.Name) : Text(table, column, feature.Name));
        }

        return statistics;
    }

    private static FeatureStatistics Numeric(CsvTable table, int column, string name)
    {
        var values = new List<double>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            if (!ColumnTypeInference.IsMissing(row[column]) && ColumnTypeInference.TryParseNumber(row[column], out var value))
            {
                values.Add(value);
            }
        }

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
            Rows = table.Rows.Count,
            MissingShare = Share(table.Rows.Count - values.Count, table.Rows.Count),
            Edges = edges,
            Proportions = counts.Select(c => Share(c, values.Count)).ToArray(),
        };
    }

    private static FeatureStatistics Text(CsvTable table, int column, string name)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long present = 0;
        foreach (var row in table.Rows)
        {
            if (ColumnTypeInference.IsMissing(row[column]))
            {
                continue;
            }

            present++;
            counts[row[column]] = counts.GetValueOrDefault(row[column]) + 1;
        }

        var top = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(MaxCategories).ToList();
        return new FeatureStatistics
        {
            Name = name,
            Type = ColumnKind.Text,
            Rows = table.Rows.Count,
            MissingShare = Share(table.Rows.Count - present, table.Rows.Count),
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
