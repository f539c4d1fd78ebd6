using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace AiMaas.Core.Training.Trainers;

/// <summary><c>fastTree</c>: gradient-boosted decision trees (MART); one-versus-all for multiclass.</summary>
internal sealed class FastTreeRecipe : TrainerRecipe
{
    public override TrainerKind Kind => TrainerKind.FastTree;

    public override IReadOnlyList<TaskKind> Tasks { get; } = [TaskKind.Regression, TaskKind.Binary, TaskKind.Multiclass];

    public override IReadOnlyList<TrainerOption> Options { get; } =
        [CommonOptions.Trees, CommonOptions.Leaves, CommonOptions.MinimumExamplesPerLeaf, CommonOptions.LearningRate, CommonOptions.FeatureFraction, ThreadsOption];

    public override (IEstimator<ITransformer> Estimator, string Name) Create(MLContext ml, TaskKind task, TrainerOptions options, TrainerContext context)
    {
        T Configure<T>(T o)
            where T : BoostedTreeOptions
        {
            o.LabelColumnName = ColumnNames.Label;
            o.FeatureColumnName = ColumnNames.Features;
            o.NumberOfThreads = context.Threads;
            o.Seed = context.Seed;
            o.NumberOfTrees = options.GetInt32(CommonOptions.Trees.Name) ?? o.NumberOfTrees;
            o.NumberOfLeaves = options.GetInt32(CommonOptions.Leaves.Name) ?? o.NumberOfLeaves;
            o.MinimumExampleCountPerLeaf = options.GetInt32(CommonOptions.MinimumExamplesPerLeaf.Name) ?? context.MinimumExamplesPerLeaf;
            o.LearningRate = options.GetDouble(CommonOptions.LearningRate.Name) ?? o.LearningRate;
            o.FeatureFraction = options.GetDouble(CommonOptions.FeatureFraction.Name) ?? o.FeatureFraction;
            return o;
        }

        return task switch
        {
            TaskKind.Regression => (ml.Regression.Trainers.FastTree(Configure(new FastTreeRegressionTrainer.Options())), "FastTreeRegression"),
            TaskKind.Binary => (ml.BinaryClassification.Trainers.FastTree(Configure(new FastTreeBinaryTrainer.Options())), "FastTreeBinary"),
            _ => (ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(Configure(new FastTreeBinaryTrainer.Options())), labelColumnName: ColumnNames.Label), "OneVersusAll(FastTreeBinary)"),
        };
    }
}
