using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace AiMaas.Core.Training.Trainers;

/// <summary><c>linear</c>, the default: stochastic dual coordinate ascent (SDCA) linear and logistic regression and maximum entropy.</summary>
internal sealed class LinearRecipe : TrainerRecipe
{
    public override TrainerKind Kind => TrainerKind.Linear;

    public override bool ReproducibleOnManyThreads => false;

    public override IReadOnlyList<TaskKind> Tasks { get; } = [TaskKind.Regression, TaskKind.Binary, TaskKind.Multiclass];

    public override IReadOnlyList<TrainerOption> Options { get; } = [CommonOptions.L1, CommonOptions.L2, CommonOptions.MaximumIterations, ThreadsOption];

    public override (IEstimator<ITransformer> Estimator, string Name) Create(MLContext ml, TaskKind task, TrainerOptions options, TrainerContext context)
    {
        var (l1, l2, iterations, threads) = (options.GetSingle(CommonOptions.L1.Name), options.GetSingle(CommonOptions.L2.Name), options.GetInt32(CommonOptions.MaximumIterations.Name), context.Threads);
        return task switch
        {
            TaskKind.Regression => (ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
            {
                LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features,
                L1Regularization = l1, L2Regularization = l2, MaximumNumberOfIterations = iterations, NumberOfThreads = threads,
            }), "SdcaRegression"),
            TaskKind.Binary => (ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features,
                L1Regularization = l1, L2Regularization = l2, MaximumNumberOfIterations = iterations, NumberOfThreads = threads,
            }), "SdcaLogisticRegression"),
            _ => (ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features,
                L1Regularization = l1, L2Regularization = l2, MaximumNumberOfIterations = iterations, NumberOfThreads = threads,
            }), "SdcaMaximumEntropy"),
        };
    }
}
