using System.Globalization;
using AiMaas.Core.Datasets;

namespace AiMaas.Benchmarks;

/// <summary>
/// A deterministic 10-feature linear regression dataset (the same formula as bench/data.py, with .NET's seeded generator),
/// and CSV files written by bench/data.py for the runs that compare against Python.
/// </summary>
internal static class BenchData
{
    public const int FeatureCount = 10;

    private static readonly double[] TrueWeights = [1.5, -2.0, 0.75, 3.0, -0.5, 2.25, -1.25, 0.4, 1.1, -3.3];

    public static IReadOnlyList<string> FeatureNames { get; } = [.. Enumerable.Range(0, FeatureCount).Select(i => $"f{i}")];

    /// <summary>Rows of features (row-major) drawn from a fixed seed.</summary>
    public static float[][] Features(int rows, int seed)
    {
        var random = new Random(seed);
        var result = new float[rows][];
        for (var r = 0; r < rows; r++)
        {
            var row = new float[FeatureCount];
            for (var f = 0; f < FeatureCount; f++)
            {
                var scale = 0.5 + (4.5 * f / (FeatureCount - 1));
                var offset = -2.0 + (4.0 * f / (FeatureCount - 1));
                row[f] = (float)((Normal(random) * scale) + offset);
            }

            result[r] = row;
        }

        return result;
    }

    /// <summary>A training table with header f0..f9,y; y = w·x + 4 + noise.</summary>
    public static CsvTable TrainingTable(int rows, int seed)
    {
        var random = new Random(seed + 1);
        var features = Features(rows, seed);
        var records = new List<string[]>(rows);
        foreach (var row in features)
        {
            var y = 4.0 + (Normal(random) * 0.5);
            var record = new string[FeatureCount + 1];
            for (var f = 0; f < FeatureCount; f++)
            {
                y += TrueWeights[f] * row[f];
                record[f] = row[f].ToString("R", CultureInfo.InvariantCulture);
            }

            record[FeatureCount] = y.ToString("R", CultureInfo.InvariantCulture);
            records.Add(record);
        }

        return new CsvTable([.. FeatureNames, "y"], records);
    }

    /// <summary>Reads the feature columns f0..f9 of a CSV written by bench/data.py (row-major).</summary>
    public static float[][] ReadFeatures(string path)
    {
        var table = CsvTableReader.Read(File.OpenRead(path));
        var indexes = FeatureNames.Select(table.ColumnIndex).ToArray();
        return [.. table.Rows.Select(r => indexes.Select(i => float.Parse(r[i], CultureInfo.InvariantCulture)).ToArray())];
    }

    public static string InstancesJson(float[][] rows)
    {
        var instances = rows.Select(row => "{" + string.Join(',', row.Select((v, f) => string.Create(CultureInfo.InvariantCulture, $"\"f{f}\":{v:R}"))) + "}");
        return "{\"instances\":[" + string.Join(',', instances) + "]}";
    }

    /// <summary>An Open Inference Protocol (V2) request body: one FP32 tensor per feature, shape [rows].</summary>
    public static string InferJson(float[][] rows)
    {
        var inputs = Enumerable.Range(0, FeatureCount).Select(f =>
            string.Create(CultureInfo.InvariantCulture, $"{{\"name\":\"f{f}\",\"datatype\":\"FP32\",\"shape\":[{rows.Length}],\"data\":[")
            + string.Join(',', rows.Select(r => r[f].ToString("R", CultureInfo.InvariantCulture))) + "]}");
        return "{\"inputs\":[" + string.Join(',', inputs) + "]}";
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
