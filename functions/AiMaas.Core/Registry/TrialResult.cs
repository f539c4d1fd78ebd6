namespace AiMaas.Core.Registry;

/// <summary>One row of the leaderboard: a trainer with its options, its cross-validated metric and how long it took.</summary>
public sealed record TrialResult(int Trial, string Trainer, IReadOnlyDictionary<string, double> Options, double? Mean, double? StandardDeviation, double Seconds)
{
    /// <summary>Why a trial has no score (it failed); null for a scored trial.</summary>
    public string? Error { get; init; }

    /// <summary>The folds the mean and deviation come from: all the tuning's folds, or fewer when the time budget did not allow them (one at least).</summary>
    public int Folds { get; init; }
}
