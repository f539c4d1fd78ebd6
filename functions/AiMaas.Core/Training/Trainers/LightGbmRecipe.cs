using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace AiMaas.Core.Training.Trainers;

/// <summary><c>lightGbm</c>: LightGBM gradient-boosted trees (histogram-based, leaf-wise), deterministic for a given seed and thread count.</summary>
internal sealed class LightGbmRecipe : TrainerRecipe
{
    public override TrainerKind Kind => TrainerKind.LightGbm;

    public override IReadOnlyList<TaskKind> Tasks { get; } = [TaskKind.Regression, TaskKind.Binary, TaskKind.Multiclass];

    public override IReadOnlyList<TrainerOption> Options { get; } =
        [CommonOptions.Iterations, CommonOptions.Leaves, CommonOptions.MinimumExamplesPerLeaf, CommonOptions.LearningRate, CommonOptions.L1, CommonOptions.L2, CommonOptions.FeatureFraction, ThreadsOption];

    public override (IEstimator<ITransformer> Estimator, string Name) Create(MLContext ml, TaskKind task, TrainerOptions options, TrainerContext context)
    {
        var booster = new GradientBooster.Options();
        booster.L1Regularization = options.GetDouble(CommonOptions.L1.Name) ?? booster.L1Regularization;
        booster.L2Regularization = options.GetDouble(CommonOptions.L2.Name) ?? booster.L2Regularization;
        booster.FeatureFraction = options.GetDouble(CommonOptions.FeatureFraction.Name) ?? booster.FeatureFraction;
        var iterations = options.GetInt32(CommonOptions.Iterations.Name) ?? 100;
        var leaves = options.GetInt32(CommonOptions.Leaves.Name);
        var minimumPerLeaf = options.GetInt32(CommonOptions.MinimumExamplesPerLeaf.Name) ?? context.MinimumExamplesPerLeaf;
        var learningRate = options.GetDouble(CommonOptions.LearningRate.Name);
        return task switch
        {
            TaskKind.Regression => (ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features, Booster = booster, NumberOfIterations = iterations,
                NumberOfLeaves = leaves, MinimumExampleCountPerLeaf = minimumPerLeaf, LearningRate = learningRate,
                NumberOfThreads = context.Threads, Seed = context.Seed, Deterministic = true, Silent = true,
            }), "LightGbmRegression"),
            TaskKind.Binary => (ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features, Booster = booster, NumberOfIterations = iterations,
                NumberOfLeaves = leaves, MinimumExampleCountPerLeaf = minimumPerLeaf, LearningRate = learningRate,
                NumberOfThreads = context.Threads, Seed = context.Seed, Deterministic = true, Silent = true,
            }), "LightGbmBinary"),
            _ => (ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features, Booster = booster, NumberOfIterations = iterations,
                NumberOfLeaves = leaves, MinimumExampleCountPerLeaf = minimumPerLeaf, LearningRate = learningRate,
                NumberOfThreads = context.Threads, Seed = context.Seed, Deterministic = true, Silent = true,
            }), "LightGbmMulticlass"),
        };
    }
}
