namespace AiMaas.Tests.Fidelity;

/// <summary>How close a served answer must be to the reference: scores and probabilities within 1e-5 relative, labels equal.</summary>
public static class Fidelity
{
    public const double RelativeTolerance = 1e-5;

    public static bool Agrees(double expected, double actual) =>
        expected.Equals(actual) || Math.Abs(expected - actual) <= RelativeTolerance * Math.Max(1, Math.Abs(expected));

    /// <summary>Null when <paramref name="actual"/> agrees with <paramref name="expected"/>; otherwise what differs.</summary>
    public static string? Compare(ReferenceOutput expected, ReferenceOutput actual)
    {
        if (expected.Score is { } score && (actual.Score is not { } served || !Agrees(score, served)))
        {
            return $"score {actual.Score:R} served, {score:R} from ML.NET";
        }

        if (expected.Label is { } label && !Equals(label, actual.Label))
        {
            return $"label {actual.Label} served, {label} from ML.NET";
        }

        if (expected.Probability is { } probability && (actual.Probability is not { } p || !Agrees(probability, p)))
        {
            return $"probability {actual.Probability:R} served, {probability:R} from ML.NET";
        }

        foreach (var (name, value) in expected.Probabilities ?? new Dictionary<string, float>())
        {
            if (actual.Probabilities is null || !actual.Probabilities.TryGetValue(name, out var servedValue) || !Agrees(value, servedValue))
            {
                return $"probability of '{name}' served {(actual.Probabilities?.GetValueOrDefault(name)):R}, {value:R} from ML.NET";
            }
        }

        return null;
    }

    /// <summary>Fails with every row that differs (up to ten), naming the path, when the served outputs differ from the reference.</summary>
    public static void AssertAgree(string path, IReadOnlyList<ReferenceOutput> expected, IReadOnlyList<ReferenceOutput> actual)
    {
        if (expected.Count != actual.Count)
        {
            Assert.Fail($"{path}: {actual.Count} outputs served for {expected.Count} rows.");
        }

        var differences = expected.Select((e, i) => (Row: i, Difference: Compare(e, actual[i])))
            .Where(d => d.Difference is not null)
            .ToArray();
        if (differences.Length > 0)
        {
            Assert.Fail(
                $"{path}: {differences.Length} of {expected.Count} rows differ from ML.NET's own output; "
                + string.Join("; ", differences.Take(10).Select(d => $"row {d.Row}: {d.Difference}")));
        }
    }
}
