namespace AiMaas.Core.Registry;

/// <summary>
/// What <c>"trainer": "auto"</c> tried and chose, as the job and the manifest record it: the metric, the folds, every
/// trial best first, the trials the budget did not allow, and the winner that was refitted on all training rows.
/// </summary>
public sealed record TuningReport(string Metric, int Folds, IReadOnlyList<TrialResult> Leaderboard, int Skipped, double Seconds)
{
    /// <summary>The training rows the trials' folds were cut from: all of them, or a seeded sample of a large dataset (the winner is refitted on all).</summary>
    public long? TuningRows { get; init; }

    /// <summary>All training rows, which the winner was refitted on.</summary>
    public long? TrainingRows { get; init; }

    public TrialResult? Winner => Leaderboard.FirstOrDefault(t => t.Mean is not null);
}
