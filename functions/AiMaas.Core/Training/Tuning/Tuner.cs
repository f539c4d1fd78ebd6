using AiMaas.Core.Data;
using AiMaas.Core.Evaluation;
using AiMaas.Core.Registry;
using AiMaas.Core.Training.Trainers;
using Microsoft.ML;

namespace AiMaas.Core.Training.Tuning;

/// <summary>
/// <c>"trainer": "auto"</c>: tries the <see cref="SearchSpace"/> candidates one after another, each scored by seeded
/// k-fold cross-validation on the training rows only (the hold-out stays unseen), within the trial count and the
/// time budget, and reports the leaderboard best first. The caller refits the winner on all training rows.
/// </summary>
public static class Tuner
{
    public static TuningReport Search(
        MLContext ml, TaskKind task, IReadOnlyList<FeatureDefinition> features, IDataView trainingRows, TuningSpec spec,
        int seed, bool allowPoisson, TimeProvider time, Action<int, int>? onTrial = null)
    {
        var metric = TaskMetrics.Primary(task);
        var folds = ml.Data.CrossValidationSplit(trainingRows, spec.Folds, samplingKeyColumnName: ColumnNames.Row, seed: seed);
        var foldRows = folds.Select(f => (Train: DataViewRows.Count(f.TrainSet), Test: DataViewRows.Count(f.TestSet))).ToArray();
        var candidates = SearchSpace.Candidates(task, spec.Trials, seed, allowPoisson);
        var budget = new TrialBudget(time, TimeSpan.FromSeconds(spec.TimeBudgetSeconds));
        var results = new List<TrialResult>();
        var skipped = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var (trainer, options) = candidates[i];
            var name = Names.Of(trainer);
            if (!budget.Allows(name))
            {
                skipped++;
                continue;
            }

            var started = time.GetTimestamp();
            onTrial?.Invoke(i + 1, candidates.Count);
            var result = RunTrial(ml, task, features, folds, foldRows, trainer, options, seed, metric) with { Trial = i + 1 };
            var seconds = Math.Round(time.GetElapsedTime(started).TotalSeconds, 3);
            budget.Record(name, seconds);
            results.Add(result with { Seconds = seconds });
        }

        var better = metric is "rmse" or "mae" or "logLoss" ? -1 : 1;
        var leaderboard = results
            .OrderBy(r => r.Mean is null ? 1 : 0)
            .ThenByDescending(r => better * (r.Mean ?? 0))
            .ToArray();
        return new TuningReport(metric, spec.Folds, leaderboard, skipped, Math.Round(budget.Elapsed.TotalSeconds, 3));
    }

    private static TrialResult RunTrial(
        MLContext ml, TaskKind task, IReadOnlyList<FeatureDefinition> features, IReadOnlyList<DataOperationsCatalog.TrainTestData> folds,
        (int Train, int Test)[] foldRows, TrainerKind trainer, TrainerOptions options, int seed, string metric)
    {
        var name = Names.Of(trainer);
        var scores = new List<double>();
        try
        {
            for (var f = 0; f < folds.Count; f++)
            {
                var context = new TrainerContext(foldRows[f].Train, seed, TrainerCatalog.Get(trainer).ThreadsFor(options));
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
            return new TrialResult(0, name, options.Values, null, null, 0) { Error = ex.Message };
        }

        if (scores.Count == 0)
        {
            return new TrialResult(0, name, options.Values, null, null, 0) { Error = $"no fold could compute {metric}" };
        }

        var mean = scores.Average();
        var deviation = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / Math.Max(1, scores.Count - 1));
        return new TrialResult(0, name, options.Values, Math.Round(mean, 6), Math.Round(deviation, 6), 0);
    }
}
