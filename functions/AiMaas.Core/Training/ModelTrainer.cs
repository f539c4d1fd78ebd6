using AiMaas.Core.Datasets;
using AiMaas.Core.Evaluation;
using AiMaas.Core.Jobs;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Fidelity;
using AiMaas.Core.Training.Sources;
using AiMaas.Core.Training.Trainers;
using AiMaas.Core.Training.Tuning;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Training;

/// <summary>Trains on a seeded split, evaluates on the held-out part and serializes a model whose input is the features alone.</summary>
public sealed class ModelTrainer(IOptions<AiMaasOptions> options, TimeProvider time)
{
    /// <summary>Reports <see cref="JobStage.Training"/> and <see cref="JobStage.Evaluating"/> to <paramref name="progress"/> as it enters them.</summary>
    public Result<TrainedModel> Train(CsvTable table, TrainingSpec spec, IJobProgress? progress = null)
    {
        using var source = new TableTrainingSource(table);
        return Train(source, spec, progress);
    }

    /// <summary>Trains on <paramref name="source"/>, which stays readable until the caller disposes it (the hold-out rows are read from it afterwards).</summary>
    /// <returns>The model, or the problem with the request or its data (bad label, too few rows, a trainer that does not fit the task...).</returns>
    public Result<TrainedModel> Train(TrainingSource source, TrainingSpec spec, IJobProgress? progress = null)
    {
        var started = time.GetTimestamp();
        var settings = options.Value;
        var profile = source.Profile;
        var labelIndex = profile.ColumnIndex(spec.Label);
        if (labelIndex < 0)
        {
            return Problem.Invalid(
                "label", $"column '{spec.Label}' is not in the dataset; its columns are {string.Join(", ", profile.Headers.Select(h => $"'{h}'"))}.");
        }

        var profiles = profile.Columns;
        var planned = LabelPlanner.Plan(profile.DistinctValues[labelIndex], profiles[labelIndex], spec.Task);
        if (planned.Failed(out var problem))
        {
            return problem;
        }

        var plan = planned.Value;
        var features = profiles
            .Where((p, i) => i != labelIndex && p.Missing < profile.Rows)
            .Select(p => new FeatureDefinition(p.Name, p.Type))
            .ToArray();
        if (features.Length == 0)
        {
            return Problem.Invalid("The dataset has no feature columns with values besides the label.");
        }

        var ml = new MLContext(settings.TrainingSeed);
        progress?.Report(JobStage.Featurizing, rowsRead: profile.Rows);
        var built = source.Build(ml, features, labelIndex, plan);
        if (built.Failed(out problem))
        {
            return problem;
        }

        var (data, labelledRows) = built.Value;
        if (labelledRows < settings.MinTrainingRows)
        {
            return Problem.Invalid(
                $"The dataset has {labelledRows} rows with a value in '{spec.Label}'; at least {settings.MinTrainingRows} are needed to train and evaluate.");
        }

        if (spec.Tuning is null && !TrainerCatalog.Supports(spec.Trainer, plan.Task))
        {
            return TrainerCatalog.Unsupported(spec.Trainer, plan.Task);
        }

        var negativeLabels = plan.Task == TaskKind.Regression && MinimumLabel(data) < 0;
        if (spec.Tuning is null && spec.Trainer == TrainerKind.Lbfgs && negativeLabels)
        {
            return Problem.Invalid(
                "trainer", $"'lbfgs' regression is Poisson regression, for counts and rates, and '{spec.Label}' has negative values; use 'linear', 'gradientDescent' or a tree trainer.");
        }

        var (labeled, classes) = PrepareLabel(ml, plan.Task, data);
        var split = RowSplit.TrainTest(ml, labeled, settings.TestFraction, settings.TrainingSeed);

        // The split partitions the labelled rows: reading the hold-out's labels counts both sides in one pass.
        var holdOut = HoldOut.Read(split.TestSet, plan.Task, classes);
        var (trainRows, testRows) = (labelledRows - holdOut.Count, holdOut.Count);
        var (trainerKind, trainerOptions, tuning) = (spec.Trainer, spec.Options, (TuningReport?)null);
        if (spec.Tuning is { } tuningSpec)
        {
            // The budget counts from the start of training: featurizing (so far; one pass over the data, the cost
            // model's unit), the trials, the refit and the evaluation.
            var (tuningRows, tuningCount) = TuningSample.Take(ml, split.TrainSet, trainRows, settings.TrainingSeed);
            var foldTrainRows = tuningCount * (tuningSpec.Folds - 1.0) / tuningSpec.Folds;
            var budget = new TrialBudget(
                time, TimeSpan.FromSeconds(tuningSpec.TimeBudgetSeconds), started, time.GetElapsedTime(started).TotalSeconds, trainRows / foldTrainRows);
            tuning = Tuner.Search(
                ml, plan.Task, features, tuningRows, tuningSpec, settings.TrainingSeed, allowPoisson: !negativeLabels, budget, time,
                onFold: (trial, trials, fold) => progress?.Report(
                    JobStage.Tuning, percent: 100.0 * (trial - 1 + ((fold - 1.0) / tuningSpec.Folds)) / trials, trial: trial, trials: trials))
                with { TuningRows = tuningCount, TrainingRows = trainRows };
            if (tuning.Winner is not { } winner)
            {
                return Problem.Invalid("tuning", $"no trial finished within {tuningSpec.TimeBudgetSeconds} s; raise 'tuning.timeBudgetSeconds' or name a trainer.");
            }

            (trainerKind, trainerOptions) = (Enum.Parse<TrainerKind>(winner.Trainer, ignoreCase: true), new TrainerOptions(winner.Options));
        }

        var context = new TrainerContext(trainRows, settings.TrainingSeed, TrainerCatalog.Get(trainerKind).ThreadsFor(trainerOptions, trainRows));
        var (pipeline, trainer) = PipelineFactory.Create(ml, plan.Task, trainerKind, trainerOptions, features, context);
        progress?.Report(JobStage.Training);
        var model = pipeline.Fit(split.TrainSet);
        progress?.Report(JobStage.Evaluating);
        var metrics = MetricsCalculator.Evaluate(ml, plan.Task, model.Transform(split.TestSet), testRows);

        var inputSchema = FeatureSchema.ToDataViewSchema(features);
        using var zip = new MemoryStream();
        ml.Model.Save(model, inputSchema, zip);
        var splitDescription = new SplitDescription(
            settings.TestFraction, settings.TrainingSeed, trainRows, testRows, (int)profile.Rows - labelledRows);
        return new TrainedModel(zip.ToArray(), plan.Task, features, classes, metrics, trainer, splitDescription)
        {
            Transformer = model,
            HoldOut = holdOut,
            Tuning = tuning,
            TrainingRows = split.TrainSet,
            Probe = ProbeSetFactory.Create(model, ProbeRows.FromHoldOut(split.TestSet, inputSchema), plan.Task, classes),
        };
    }

    /// <summary>
    /// Class labels become keys before training, outside the saved model, so that the served model needs no label column.
    /// </summary>
    private static (IDataView Data, IReadOnlyList<string>? Classes) PrepareLabel(MLContext ml, TaskKind task, IDataView data)
    {
        if (task != TaskKind.Multiclass)
        {
            return (data, null);
        }

        var keyed = ml.Transforms.Conversion.MapValueToKey(ColumnNames.Label).Fit(data).Transform(data);
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        keyed.Schema[ColumnNames.Label].GetKeyValues(ref keyValues);
        return (keyed, keyValues.DenseValues().Select(v => v.ToString()).ToArray());
    }

    private static float MinimumLabel(IDataView data)
    {
        var label = data.Schema[ColumnNames.Label];
        using var cursor = data.GetRowCursor([label]);
        var getter = cursor.GetGetter<float>(label);
        var (value, minimum) = (0f, float.PositiveInfinity);
        while (cursor.MoveNext())
        {
            getter(ref value);
            minimum = Math.Min(minimum, value);
        }

        return minimum;
    }
}
