using AiMaas.Core.Data;
using AiMaas.Core.Evaluation;
using AiMaas.Core.Registry;
using AiMaas.Core.Training.Trainers;
using Microsoft.ML;

namespace AiMaas.Core.Training.Tuning;

/// <summary>
/// <c>"trainer": "auto"</c>: tries the <see cref="SearchSpace"/> candidates one after another, each scored by seeded
/// k-fold cross-validation on the training rows only (the hold-out stays unseen), within the trial count and the
/// time budget (see <see cref="TrialBudget"/>: a trial the budget cuts short is scored on the folds it ran, its
/// first seeded fold at least), and reports the leaderboard best first. The caller refits the winner on
/// all training rows.
/// </summary>
public static class Tuner
{
    /// <param name="ml">The training context.</param>
    /// <param name="task">The task.</param>
    /// <param name="features">The feature columns.</param>
    /// <param name="trainingRows">The training rows (never the hold-out).</param>
    /// <param name="spec">Trials, budget and folds.</param>
    /// <param name="seed">The seed of the candidates and the folds.</param>
    /// <param name="allowPoisson">Whether lbfgs may be tried for regression.</param>
    /// <param name="budget">Decides which trials start and which run all their folds.</param>
    /// <param name="time">The clock the trials are timed with.</param>
    /// <param name="onFold">Called as each fold of a trial starts: trial (from 1), trials, fold (from 1).</param>
    public static TuningReport Search(
        MLContext ml, TaskKind task, IReadOnlyList<FeatureDefinition> features, IDataView trainingRows, TuningSpec spec,
        int seed, bool allowPoisson, TrialBudget budget, TimeProvider time, Action<int, int, int>? onFold = null)
    {
        var metric = TaskMetrics.Primary(task);
        var folds = RowSplit.Folds(ml, trainingRows, spec.Folds, seed);
        var foldRows = folds.Select(f => (Train: DataViewRows.Count(f.TrainSet), Test: DataViewRows.Count(f.TestSet))).ToArray();
        var candidates = SearchSpace.Candidates(task, spec.Trials, seed, allowPoisson);
        var results = new List<TrialResult>();
        var skipped = new List<int>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!TryRun(i))
            {
                skipped.Add(i);
            }
        }

        // The cost model starts uncalibrated (one pass over the data times a guessed factor) and learns from each
        // trial, so a candidate skipped early (lightGbm comes first) gets one more chance once the trials have shown
        // what this data really costs; the budget still decides.
        var stillSkipped = 0;
        foreach (var i in skipped)
        {
            stillSkipped += TryRun(i) ? 0 : 1;
        }

        bool TryRun(int i)
        {
            var (trainer, options) = candidates[i];
            if (!budget.Allows(trainer, options))
            {
                return false;
            }

            var started = time.GetTimestamp();
            var trial = i + 1;
            var (result, foldsRun) = RunTrial(
                ml, task, features, folds, foldRows, trainer, options, seed, metric,
                mayContinue: done => budget.AllowsAnotherFold(time.GetElapsedTime(started).TotalSeconds / done),
                onFold: fold => onFold?.Invoke(trial, candidates.Count, fold));
            var seconds = Math.Round(time.GetElapsedTime(started).TotalSeconds, 3);
            budget.Record(trainer, options, seconds / Math.Max(1, foldsRun));
            results.Add(result with { Trial = trial, Seconds = seconds });
            return true;
        }

        var better = metric is "rmse" or "mae" or "logLoss" ? -1 : 1;
        var leaderboard = results
            .OrderBy(r => r.Mean is null ? 1 : 0)
            .ThenByDescending(r => better * (r.Mean ?? 0))
            .ToArray();
        return new TuningReport(metric, spec.Folds, leaderboard, stillSkipped, Math.Round(budget.Elapsed.TotalSeconds, 3));
    }

    private static (TrialResult Result, int FoldsRun) RunTrial(
        MLContext ml, TaskKind task, IReadOnlyList<FeatureDefinition> features, IReadOnlyList<(IDataView TrainSet, IDataView TestSet)> folds,
        (int Train, int Test)[] foldRows, TrainerKind trainer, TrainerOptions options, int seed, string metric,
        Func<int, bool> mayContinue, Action<int> onFold)
    {
        var name = Names.Of(trainer);
        var scores = new List<double>();
        var foldsRun = 0;
        try
        {
            for (var f = 0; f < folds.Count; f++)
            {
                // Fewer folds rather than none: what the budget leaves after the first fold decides the rest.
                if (f > 0 && !mayContinue(f))
                {
                    break;
                }

                onFold(f + 1);
                foldsRun++;
                var context = new TrainerContext(foldRows[f].Train, seed, TrainerCatalog.Get(trainer).ThreadsFor(options, foldRows[f].Train));
                var (pipeline, _) = PipelineFactory.Create(ml, task, trainer, options, features, context);
                var model = pipeline.Fit(folds[f].TrainSet);
                var metrics = MetricsCalculator.Evaluate(ml, task, model.Transform(folds[f].TestSet), foldRows[f].Test);
                if (metrics.TryGetValue(metric, out var value))
                {
                    scores.Add(value);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            return (new TrialResult(0, name, options.Values, null, null, 0) { Error = ex.Message }, Math.Max(1, foldsRun));
        }

        if (scores.Count == 0)
        {
            return (new TrialResult(0, name, options.Values, null, null, 0) { Error = $"no fold could compute {metric}", Folds = foldsRun }, foldsRun);
        }

        var mean = scores.Average();
        var deviation = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / Math.Max(1, scores.Count - 1));
        return (new TrialResult(0, name, options.Values, Math.Round(mean, 6), Math.Round(deviation, 6), 0) { Folds = scores.Count }, foldsRun);
    }
}
