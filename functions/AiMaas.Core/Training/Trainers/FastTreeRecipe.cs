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
            TreeOptionsApplier.Apply(o, options, context);
            o.LearningRate = options.GetDouble(CommonOptions.LearningRate.Name) ?? o.LearningRate;
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
