using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace AiMaas.Core.Training.Trainers;

/// <summary><c>lbfgs</c>: L-BFGS logistic regression, maximum entropy, and Poisson regression (counts and rates: labels must not be negative).</summary>
internal sealed class LbfgsRecipe : TrainerRecipe
{
    private static readonly TrainerOption History = new("historySize", 1, 1_000, IsInteger: true, "Past gradients kept to approximate the curvature") { Default = "20" };

    private static readonly TrainerOption Tolerance = new("optimizationTolerance", 0, 1, IsInteger: false, "Stop when the loss improves less than this") { MinimumExclusive = true, Default = "1e-7" };

    public override TrainerKind Kind => TrainerKind.Lbfgs;

    public override IReadOnlyList<TaskKind> Tasks { get; } = [TaskKind.Regression, TaskKind.Binary, TaskKind.Multiclass];

    public override IReadOnlyList<TrainerOption> Options { get; } = [CommonOptions.L1, CommonOptions.L2, CommonOptions.MaximumIterations, History, Tolerance, ThreadsOption];

    public override (IEstimator<ITransformer> Estimator, string Name) Create(MLContext ml, TaskKind task, TrainerOptions options, TrainerContext context)
    {
        float? l1 = options.GetSingle(CommonOptions.L1.Name), l2 = options.GetSingle(CommonOptions.L2.Name), tolerance = options.GetSingle(Tolerance.Name);
        int? iterations = options.GetInt32(CommonOptions.MaximumIterations.Name), history = options.GetInt32(History.Name);
        switch (task)
        {
            case TaskKind.Regression:
                {
                    var o = new LbfgsPoissonRegressionTrainer.Options { LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features, NumberOfThreads = context.Threads };
                    (o.L1Regularization, o.L2Regularization, o.OptimizationTolerance) = (l1 ?? o.L1Regularization, l2 ?? o.L2Regularization, tolerance ?? o.OptimizationTolerance);
                    (o.MaximumNumberOfIterations, o.HistorySize) = (iterations ?? o.MaximumNumberOfIterations, history ?? o.HistorySize);
                    return (ml.Regression.Trainers.LbfgsPoissonRegression(o), "LbfgsPoissonRegression");
                }

            case TaskKind.Binary:
                {
                    var o = new LbfgsLogisticRegressionBinaryTrainer.Options { LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features, NumberOfThreads = context.Threads };
                    (o.L1Regularization, o.L2Regularization, o.OptimizationTolerance) = (l1 ?? o.L1Regularization, l2 ?? o.L2Regularization, tolerance ?? o.OptimizationTolerance);
                    (o.MaximumNumberOfIterations, o.HistorySize) = (iterations ?? o.MaximumNumberOfIterations, history ?? o.HistorySize);
                    return (ml.BinaryClassification.Trainers.LbfgsLogisticRegression(o), "LbfgsLogisticRegression");
                }

            default:
                {
                    var o = new LbfgsMaximumEntropyMulticlassTrainer.Options { LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features, NumberOfThreads = context.Threads };
                    (o.L1Regularization, o.L2Regularization, o.OptimizationTolerance) = (l1 ?? o.L1Regularization, l2 ?? o.L2Regularization, tolerance ?? o.OptimizationTolerance);
                    (o.MaximumNumberOfIterations, o.HistorySize) = (iterations ?? o.MaximumNumberOfIterations, history ?? o.HistorySize);
                    return (ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(o), "LbfgsMaximumEntropy");
                }
        }
    }
}
