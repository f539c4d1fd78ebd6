namespace AiMaas.Core.Training.Tuning;

/// <summary>
/// Decides whether another trial fits in the time budget: a trial is started only if the time spent so far plus the
/// longest trial of the same trainer so far (the mean of all trials for a trainer not yet tried) stays within it.
/// </summary>
public sealed class TrialBudget(TimeProvider time, TimeSpan budget)
{
    private readonly long _started = time.GetTimestamp();
    private readonly Dictionary<string, double> _longest = new(StringComparer.Ordinal);
    private readonly List<double> _all = [];

    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    public bool Allows(string trainer)
    {
        var expected = _longest.TryGetValue(trainer, out var seconds) ? seconds : _all.Count > 0 ? _all.Average() : 0;
        return Elapsed.TotalSeconds + expected <= budget.TotalSeconds;
    }

    public void Record(string trainer, double seconds)
    {
        _longest[trainer] = Math.Max(seconds, _longest.GetValueOrDefault(trainer));
        _all.Add(seconds);
    }
}
