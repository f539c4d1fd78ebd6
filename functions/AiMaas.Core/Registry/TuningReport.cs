namespace AiMaas.Core.Registry;

/// <summary>
/// What <c>"trainer": "auto"</c> tried and chose, as the job and the manifest record it: the metric, the folds, every
/// trial best first, the trials the budget did not allow, and the winner that was refitted on all training rows.
/// </summary>
public sealed record TuningReport(string Metric, int Folds, IReadOnlyList<TrialResult> Leaderboard, int Skipped, double Seconds)
{
    public TrialResult? Winner => Leaderboard.FirstOrDefault(t => t.Mean is not null);
}
