using AiMaas.Core.Serving.Scoring;
using Microsoft.ML;

namespace AiMaas.Core.Serving.Fidelity;

/// <summary>
/// Scores a version's probe rows on the serving path and compares them with the outputs recorded when the version was
/// stored: scores and probabilities within <see cref="RelativeTolerance"/>, labels equal.
/// </summary>
public static class ProbeVerifier
{
    public const double RelativeTolerance = 1e-5;

    /// <summary>Null when every row agrees; otherwise what the first disagreeing row answered and what was recorded.</summary>
    public static string? FindMismatch(IBatchScorer scorer, DataViewSchema inputSchema, ProbeSet probe)
    {
        var actual = scorer.Score(ProbeRows.FromProbe(probe, inputSchema));
        var expected = probe.Expected;
        return FirstMismatch("score", expected.Scores, actual.Scores, actual.ClassCount)
            ?? FirstMismatch("probability", expected.Probabilities, actual.Probabilities, Math.Max(1, actual.ClassCount))
            ?? FirstLabelMismatch(expected.BinaryLabels, actual.BinaryLabels)
            ?? FirstLabelMismatch(expected.ClassLabels, actual.ClassLabels);
    }

    public static bool Agrees(double expected, double actual) =>
        expected.Equals(actual) || Math.Abs(expected - actual) <= RelativeTolerance * Math.Max(1, Math.Abs(expected));

    private static string? FirstMismatch(string output, float[]? expected, float[]? actual, int perRow)
    {
        if (expected is null && actual is null)
        {
            return null;
        }

        if (expected is null || actual is null || expected.Length != actual.Length)
        {
            return $"the recorded outputs have {expected?.Length ?? 0} {output} values, the serving path gave {actual?.Length ?? 0}";
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (!Agrees(expected[i], actual[i]))
            {
                return $"probe row {i / Math.Max(1, perRow)}: {output} {actual[i]:R} served, {expected[i]:R} recorded";
            }
        }

        return null;
    }

    private static string? FirstLabelMismatch<T>(T[]? expected, T[]? actual)
    {
        if (expected is null && actual is null)
        {
            return null;
        }

        if (expected is null || actual is null || expected.Length != actual.Length)
        {
            return $"the recorded outputs have {expected?.Length ?? 0} labels, the serving path gave {actual?.Length ?? 0}";
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(expected[i], actual[i]))
            {
                return $"probe row {i}: label '{actual[i]}' served, '{expected[i]}' recorded";
            }
        }

        return null;
    }
}
