using System.Globalization;
using System.Text;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Tests.Fidelity;

/// <summary>
/// Seeded datasets for the differential fidelity tests, in the regimes of <see cref="FidelityRegime"/>, with a label for
/// each task; and rows to predict that go beyond the training data: larger and smaller values, negatives, missing
/// values and categories the model never saw.
/// </summary>
public static class FidelityDatasets
{
    public const string Label = "target";

    private static readonly string[] Cities = ["lisbon", "oslo", "lima", "osaka", "perth"];

    public static IReadOnlyList<string> Features(FidelityRegime regime) => regime switch
    {
        FidelityRegime.Houses => ["year_built", "sqft"],
        _ => ["share", "amount", "delta", "city"],
    };

    public static bool IsText(string feature) => feature == "city";

    /// <summary>A CSV with a header row: the regime's features and <see cref="Label"/> for <paramref name="task"/>.</summary>
    public static string TrainingCsv(FidelityRegime regime, TaskKind task, int rows = 400)
    {
        var random = new Random(regime == FidelityRegime.Houses ? 1950 : 10_000_019);
        var features = Features(regime);
        var csv = new StringBuilder(string.Join(',', features.Append(Label))).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var row = Row(regime, random, unseen: false, missingRate: 0.05);
            var value = Truth(regime, row, random);
            var label = task switch
            {
                TaskKind.Regression => Format(value),
                TaskKind.Binary => value > Median(regime) ? "yes" : "no",
                _ => value < Median(regime) * 0.8 ? "low" : value < Median(regime) * 1.25 ? "mid" : "high",
            };
            csv.Append(string.Join(',', features.Select(f => Format(row.Values[f])).Append(label))).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>Rows to predict: wider ranges than training, negatives, a few missing values and unseen categories.</summary>
    public static IReadOnlyList<FidelityRow> PredictionRows(FidelityRegime regime, int count, int seed = 99)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Row(regime, random, unseen: true, missingRate: 0.08, widen: 1.5)).ToArray();
    }

    public static string Format(object? value) => value switch
    {
        null => "",
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static FidelityRow Row(FidelityRegime regime, Random random, bool unseen, double missingRate, double widen = 1)
    {
        object? Maybe(object value) => random.NextDouble() < missingRate ? null : value;
        float Uniform(double low, double high) => (float)(low + ((high - low) * ((random.NextDouble() * widen) - ((widen - 1) / 2))));
        var values = regime switch
        {
            FidelityRegime.Houses => new Dictionary<string, object?>
            {
                ["year_built"] = Maybe(MathF.Round(Uniform(1950, 2023))),
                ["sqft"] = Maybe(MathF.Round(Uniform(1100, 5000))),
            },
            _ => new Dictionary<string, object?>
            {
                ["share"] = Maybe(Uniform(0, 1)),
                ["amount"] = Maybe((float)Math.Pow(10, 3 + (4 * random.NextDouble() * widen))),
                ["delta"] = Maybe(Uniform(-10_000, 0)),
                ["city"] = Maybe(unseen && random.NextDouble() < 0.15 ? "atlantis" : Cities[random.Next(Cities.Length)]),
            },
        };
        return new FidelityRow(values);
    }

    private static double Median(FidelityRegime regime) => regime == FidelityRegime.Houses ? 420_000 : 2_000_000;

    private static double Truth(FidelityRegime regime, FidelityRow row, Random random)
    {
        double Number(string name, double fallback) => row.Values[name] is float value ? value : fallback;
        var noise = (random.NextDouble() - 0.5) * 0.1;
        return regime switch
        {
            FidelityRegime.Houses => ((Number("sqft", 2800) * 120) + ((Number("year_built", 1986) - 1950) * 2500)) * (1 + noise),
            // Positive throughout (the offset), so that Poisson regression (lbfgs) trains on it too.
            _ => (5e5 + (Number("amount", 1e5) * 0.35) + (Number("share", 0.5) * 1.5e6) - (Number("delta", -5000) * 40)
                + ((row.Values["city"] as string) switch { "lisbon" => 4e5, "oslo" => -3e5, _ => 0 })) * (1 + noise),
        };
    }
}
