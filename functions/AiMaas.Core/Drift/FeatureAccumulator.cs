using System.Text.Json;
using AiMaas.Core.Datasets;
using AiMaas.Core.Registry;

namespace AiMaas.Core.Drift;

/// <summary>Counts one feature's logged values into the bins (or categories) of its training statistics.</summary>
internal sealed class FeatureAccumulator(FeatureStatistics reference)
{
    public const double Stable = 0.1;
    public const double Drifted = 0.25;
    private const double Floor = 1e-4;

    private readonly long[] _bins = new long[reference.Type == ColumnKind.Number ? (reference.Edges?.Count ?? 0) + 1 : (reference.Categories?.Count ?? 0) + 1];
    private readonly string[] _categories = reference.Categories?.Keys.ToArray() ?? [];
    private long _missing;
    private long _unseen;

    public string Name => reference.Name;

    private long Present => _bins.Sum();

    public void Add(JsonElement row)
    {
        if (!row.TryGetProperty(reference.Name, out var value))
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            _missing++;
        }
        else if (reference.Type == ColumnKind.Number && value.ValueKind == JsonValueKind.Number)
        {
            _bins[FeatureStatisticsCalculator.BinOf(reference.Edges ?? [], value.GetDouble())]++;
        }
        else if (reference.Type == ColumnKind.Text && value.ValueKind == JsonValueKind.String)
        {
            AddCategory(value.GetString()!);
        }

        // Anything else (an HMAC of a redacted value) says nothing about the distribution and is not counted.
    }

    /// <summary>Counts a value read as text (a CSV cell, a JSON lines value): missing and numbers as training read them.</summary>
    public void Add(string? value)
    {
        if (value is null || ColumnTypeInference.IsMissing(value))
        {
            _missing++;
        }
        else if (reference.Type == ColumnKind.Number)
        {
            // A value that is not a number cannot be scored either; it says nothing about the distribution.
            if (ColumnTypeInference.TryParseNumber(value, out var number))
            {
                _bins[FeatureStatisticsCalculator.BinOf(reference.Edges ?? [], number)]++;
            }
        }
        else
        {
            AddCategory(value);
        }
    }

    public FeatureDrift Result()
    {
        var present = Present;
        var observed = present + _missing;
        if (observed == 0)
        {
            return new FeatureDrift(reference.Name, reference.Type, 0, null, 0, reference.MissingShare, null, "unobserved");
        }

        double? psi = null;
        if (present > 0)
        {
            var expected = reference.Type == ColumnKind.Number
                ? reference.Proportions ?? []
                : [.. _categories.Select(c => reference.Categories![c]), reference.OtherShare ?? 0];
            var sum = 0.0;
            for (var i = 0; i < _bins.Length && i < expected.Count; i++)
            {
                var a = Math.Max(_bins[i] / (double)present, Floor);
                var e = Math.Max(expected[i], Floor);
                sum += (a - e) * Math.Log(a / e);
            }

            psi = Math.Round(sum, 4);
        }

        double? unseen = reference.Type == ColumnKind.Text && reference.AllCategoriesListed == true && present > 0
            ? Math.Round(_unseen / (double)present, 4)
            : null;
        var verdict = psi switch
        {
            null => "unobserved",
            < Stable => "stable",
            < Drifted => "shifted",
            _ => "drifted",
        };
        return new FeatureDrift(reference.Name, reference.Type, observed, psi, Math.Round(_missing / (double)observed, 4), reference.MissingShare, unseen, verdict);
    }

    private void AddCategory(string value)
    {
        var index = Array.IndexOf(_categories, value);
        if (index >= 0)
        {
            _bins[index]++;
            return;
        }

        _bins[^1]++;
        _unseen++;
    }
}
