using AiMaas.Core.Training.Trainers;

namespace AiMaas.Core.Training.Tuning;

/// <summary>
/// Keeps <c>"trainer": "auto"</c> within its time budget, which counts from the start of training (featurizing
/// included) to the winner's hold-out metric. The budget is decided fold by fold: a trial starts only if its first
/// fold, the time spent so far and a reserve for refitting the winner and evaluating it fit, and runs each further
/// fold only while one more fits. So an expensive trainer is scored on fewer folds (one seeded validation fold at
/// least) rather than not at all, and a cheap one on all of them.
/// </summary>
/// <remarks>
/// A fold's expected seconds come from a cost model: one pass over a fold's training rows (the featurizing time,
/// measured, scaled to a fold) times a factor per trainer and the trees or boosting rounds the options ask for; the
/// model is calibrated by the folds so far (the slowest ratio of actual to modelled seconds for the same trainer, the
/// mean ratio for a trainer not yet tried). The refit trains once on all training rows, a fold's fit times
/// <c>refitScale</c> (all training rows over a fold's training rows) with a margin; the evaluation after it reads the
/// data about once more.
/// </remarks>
public sealed class TrialBudget
{
    /// <summary>
    /// The refit is one fit the budget cannot stop half-way, and one fit's seconds vary with the instance's other work
    /// (a 100k-row lightGbm refit took 1.5x its folds' pace on a loaded machine): keep half as much again.
    /// </summary>
    private const double RefitMargin = 1.5;

    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly double _budget;
    private readonly double _refitScale;
    private readonly double _dataPassSeconds;
    private readonly Dictionary<TrainerKind, double> _slowestRatio = [];
    private readonly List<double> _ratios = [];
    private double _longestFold;

    /// <param name="time">The clock.</param>
    /// <param name="budget">The whole run's budget.</param>
    /// <param name="started">When the run started (a <see cref="TimeProvider.GetTimestamp"/>).</param>
    /// <param name="dataPassSeconds">Seconds one pass over all training rows took (featurizing): the cost model's unit.</param>
    /// <param name="refitScale">All training rows over one fold's training rows (k/(k-1) for k folds on all rows; more when tuning on a sample).</param>
    public TrialBudget(TimeProvider time, TimeSpan budget, long started, double dataPassSeconds, double refitScale)
    {
        (_time, _started, _budget) = (time, started, budget.TotalSeconds);
        _refitScale = Math.Max(1, refitScale);
        _dataPassSeconds = Math.Max(dataPassSeconds, 0.001);
    }

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>The seconds one fold of a trial of <paramref name="trainer"/> with <paramref name="options"/> is expected to take.</summary>
    public double EstimateFold(TrainerKind trainer, TrainerOptions options)
    {
        var ratio = _slowestRatio.TryGetValue(trainer, out var own) ? own : _ratios.Count > 0 ? _ratios.Average() : 1;
        return ratio * Modelled(trainer, options);
    }

    /// <summary>Whether a trial may start: its first fold and the refit of whichever trial wins must both fit in what is left.</summary>
    public bool Allows(TrainerKind trainer, TrainerOptions options) => Fits(EstimateFold(trainer, options));

    /// <summary>Whether a started trial may run one more fold, expected to take as long as its folds so far did on average.</summary>
    public bool AllowsAnotherFold(double meanFoldSeconds) => Fits(meanFoldSeconds);

    /// <summary>Calibrates the cost model with a trial's mean seconds per fold.</summary>
    public void Record(TrainerKind trainer, TrainerOptions options, double meanFoldSeconds)
    {
        var ratio = meanFoldSeconds / Modelled(trainer, options);
        _slowestRatio[trainer] = Math.Max(ratio, _slowestRatio.GetValueOrDefault(trainer));
        _ratios.Add(ratio);
        _longestFold = Math.Max(_longestFold, meanFoldSeconds);
    }

    private bool Fits(double foldSeconds) => Elapsed.TotalSeconds + foldSeconds + Reserve(foldSeconds) <= _budget;

    /// <summary>The seconds to keep for refitting the winner (any trial so far, or this one) on all training rows and evaluating it.</summary>
    private double Reserve(double foldSeconds) => (Math.Max(_longestFold, foldSeconds) * _refitScale * RefitMargin) + _dataPassSeconds;

    private double Modelled(TrainerKind trainer, TrainerOptions options) => _dataPassSeconds / _refitScale * Factor(trainer) * Rounds(trainer, options);

    /// <summary>A fit's cost in passes over the data, at the trainer's default rounds (rough; the trials calibrate it).</summary>
    private static double Factor(TrainerKind trainer) => trainer switch
    {
        TrainerKind.Linear or TrainerKind.GradientDescent or TrainerKind.Svm => 2,
        TrainerKind.Lbfgs => 3,
        _ => 8,
    };

    /// <summary>Tree ensembles cost in proportion to their trees or boosting rounds (100 by default).</summary>
    private static double Rounds(TrainerKind trainer, TrainerOptions options) => trainer switch
    {
        TrainerKind.FastTree or TrainerKind.FastForest => (options.GetInt32(CommonOptions.Trees.Name) ?? 100) / 100.0,
        TrainerKind.LightGbm => (options.GetInt32(CommonOptions.Iterations.Name) ?? 100) / 100.0,
        _ => 1,
    };
}
