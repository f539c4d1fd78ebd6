using AiMaas.Core.Training.Trainers;

namespace AiMaas.Core.Training.Tuning;

/// <summary>
/// Keeps <c>"trainer": "auto"</c> within its time budget, which counts from the start of training (featurizing
/// included) to the winner's hold-out metric. A trial is started only if the time spent so far, the trial's expected
/// seconds and a reserve for refitting the winner and evaluating it fit; a trial whose folds run longer than expected
/// is stopped between folds as soon as finishing it would overrun.
/// </summary>
/// <remarks>
/// Expected seconds come from a cost model: one pass over the data (the featurizing time, measured) times a factor
/// per trainer and the trees or boosting rounds the options ask for, times the folds; the model is calibrated by the
/// trials so far (the slowest ratio of actual to modelled seconds for the same trainer, the mean ratio for a trainer
/// not yet tried). The refit trains once on all training rows, about one fold's fit times folds/(folds-1); the
/// evaluation after it reads the data about once more.
/// </remarks>
public sealed class TrialBudget
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly double _budget;
    private readonly int _folds;
    private readonly double _dataPassSeconds;
    private readonly Dictionary<TrainerKind, double> _slowestRatio = [];
    private readonly List<double> _ratios = [];
    private double _longestTrial;

    /// <param name="time">The clock.</param>
    /// <param name="budget">The whole run's budget.</param>
    /// <param name="started">When the run started (a <see cref="TimeProvider.GetTimestamp"/>).</param>
    /// <param name="folds">Cross-validation folds per trial (at least 2).</param>
    /// <param name="dataPassSeconds">Seconds one pass over the training data took (featurizing): the cost model's unit.</param>
    public TrialBudget(TimeProvider time, TimeSpan budget, long started, int folds, double dataPassSeconds)
    {
        (_time, _started, _budget, _folds) = (time, started, budget.TotalSeconds, Math.Max(2, folds));
        _dataPassSeconds = Math.Max(dataPassSeconds, 0.001);
    }

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>The seconds a trial of <paramref name="trainer"/> with <paramref name="options"/> is expected to take, all folds.</summary>
    public double Estimate(TrainerKind trainer, TrainerOptions options)
    {
        var ratio = _slowestRatio.TryGetValue(trainer, out var own) ? own : _ratios.Count > 0 ? _ratios.Average() : 1;
        return ratio * Modelled(trainer, options);
    }

    /// <summary>Whether a trial may start: it and the refit of whichever trial wins must both fit in what is left.</summary>
    public bool Allows(TrainerKind trainer, TrainerOptions options)
    {
        var expected = Estimate(trainer, options);
        return Elapsed.TotalSeconds + expected + Reserve(expected) <= _budget;
    }

    /// <summary>Whether a started trial may run its remaining folds, projected from the ones it has run.</summary>
    /// <param name="foldsDone">Folds finished so far (at least 1).</param>
    /// <param name="trialSeconds">Seconds the trial has run so far.</param>
    public bool AllowsRemainingFolds(int foldsDone, double trialSeconds)
    {
        var projected = trialSeconds / foldsDone * _folds;
        return Elapsed.TotalSeconds + (projected - trialSeconds) + Reserve(projected) <= _budget;
    }

    /// <summary>Calibrates the cost model with a trial's seconds (a stopped trial's projected seconds).</summary>
    public void Record(TrainerKind trainer, TrainerOptions options, double seconds)
    {
        var ratio = seconds / Modelled(trainer, options);
        _slowestRatio[trainer] = Math.Max(ratio, _slowestRatio.GetValueOrDefault(trainer));
        _ratios.Add(ratio);
        _longestTrial = Math.Max(_longestTrial, seconds);
    }

    /// <summary>The seconds to keep for refitting the winner (any trial so far, or this one) on all training rows and evaluating it.</summary>
    private double Reserve(double trialSeconds) => (Math.Max(_longestTrial, trialSeconds) / (_folds - 1)) + _dataPassSeconds;

    private double Modelled(TrainerKind trainer, TrainerOptions options) => _folds * _dataPassSeconds * Factor(trainer) * Rounds(trainer, options);

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
