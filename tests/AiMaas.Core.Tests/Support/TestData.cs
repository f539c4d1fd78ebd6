using System.Globalization;
using System.Text;
using AiMaas.Core.Datasets;

namespace AiMaas.Core.Tests.Support;

/// <summary>Small deterministic datasets built in code: learnable relationships plus a little noise and a few missing values.</summary>
internal static class TestData
{
    public static readonly string[] Colors = ["red", "green", "blue"];

    public static readonly string[] Species = ["setosa", "versicolor", "virginica"];

    /// <summary>Joins lines into a CSV document.</summary>
    public static string Csv(params string[] lines) => string.Join('\n', lines) + "\n";

    public static CsvTable Table(params string[] lines) => CsvTableReader.Read(Csv(lines));

    /// <summary>Columns a, b (numbers, some missing), color (text) and y = 3a - 2b + color effect + noise.</summary>
    public static string Regression(int rows = 200, int seed = 7, bool withMissing = true)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("a,b,color,y\n");
        for (var i = 0; i < rows; i++)
        {
            var a = random.NextDouble() * 10;
            var b = random.NextDouble() * 10;
            var color = Colors[random.Next(Colors.Length)];
            var y = (3 * a) - (2 * b) + ColorEffect(color) + Noise(random, 0.5);
            csv.Append(CultureInfo.InvariantCulture, $"{(withMissing ? Missing(i, 40, a) : Format(a))},{(withMissing ? Missing(i + 5, 50, b) : Format(b))},{color},{Format(y)}\n");
        }

        return csv.ToString();
    }

    public static double ColorEffect(string color) => color switch
    {
        "red" => 4,
        "green" => 0,
        _ => -4,
    };

    /// <summary>Columns x1, x2 (numbers, some missing), segment (text) and bought = yes when x1 + x2 &gt; 1.</summary>
    public static string Binary(int rows = 240, int seed = 11)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("x1,x2,segment,bought\n");
        for (var i = 0; i < rows; i++)
        {
            var x1 = random.NextDouble();
            var x2 = random.NextDouble();
            var segment = random.Next(2) == 0 ? "retail" : "business";
            var bought = x1 + x2 + Noise(random, 0.05) > 1 ? "yes" : "no";
            csv.Append(CultureInfo.InvariantCulture, $"{Missing(i, 19, x1)},{Format(x2)},{segment},{bought}\n");
        }

        return csv.ToString();
    }

    /// <summary>Columns petal_length, petal_width (numbers, some missing) and species: three well separated clusters.</summary>
    public static string Multiclass(int rows = 180, int seed = 13)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("petal_length,petal_width,species\n");
        for (var i = 0; i < rows; i++)
        {
            var cls = i % Species.Length;
            var (length, width) = SpeciesCenter(cls);
            csv.Append(CultureInfo.InvariantCulture,
                $"{Missing(i, 29, length + Noise(random, 0.3))},{Format(width + Noise(random, 0.15))},{Species[cls]}\n");
        }

        return csv.ToString();
    }

    public static (double Length, double Width) SpeciesCenter(int cls) => cls switch
    {
        0 => (1.5, 0.25),
        1 => (4.3, 1.3),
        _ => (5.8, 2.2),
    };

    public static string Format(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);

    private static string Missing(int i, int every, double value) => (i % every) switch
    {
        3 => "",
        9 => "NA",
        _ => Format(value),
    };

    private static double Noise(Random random, double scale) => (random.NextDouble() - 0.5) * 2 * scale;
}
