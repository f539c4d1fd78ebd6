using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace AiMaas.Core.Training.Trainers;

/// <summary><c>fastForest</c>: a random forest; Platt-calibrated for binary, one-versus-all for multiclass.</summary>
internal sealed class FastForestRecipe : TrainerRecipe
{
    public override TrainerKind Kind => TrainerKind.FastForest;

    public override IReadOnlyList<TaskKind> Tasks { get; } = [TaskKind.Regression, TaskKind.Binary, TaskKind.Multiclass];

    public override IReadOnlyList<TrainerOption> Options { get; } =
        [CommonOptions.Trees, CommonOptions.Leaves, CommonOptions.MinimumExamplesPerLeaf, CommonOptions.FeatureFraction, ThreadsOption];

    /// <summary>
    /// ML.NET's 20 leaves per tree make shallow trees, and a forest averages away only variance, not the bias of
    /// shallow trees (AUC 0.78 against scikit-learn's RandomForest's 0.84 on the 100k-row bench file); deeper trees on
    /// half the features each decorrelate the trees and match it (see bench/README.md's training section).
    /// </summary>
    public override IReadOnlyDictionary<string, double> PlatformDefaults { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [CommonOptions.Leaves.Name] = 128,
        [CommonOptions.FeatureFraction.Name] = 0.5,
    };

    public override (IEstimator<ITransformer> Estimator, string Name) Create(MLContext ml, TaskKind task, TrainerOptions options, TrainerContext context)
    {
        T Configure<T>(T o)
            where T : FastForestOptionsBase => TreeOptionsApplier.Apply(o, WithDefaults(options), context);

        return task switch
        {
            TaskKind.Regression => (ml.Regression.Trainers.FastForest(Configure(new FastForestRegressionTrainer.Options())), "FastForestRegression"),
            TaskKind.Binary => (ml.BinaryClassification.Trainers.FastForest(Configure(new FastForestBinaryTrainer.Options()))
                .Append(ml.BinaryClassification.Calibrators.Platt(labelColumnName: ColumnNames.Label)), "FastForestBinary+Platt"),
            _ => (ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastForest(Configure(new FastForestBinaryTrainer.Options())), labelColumnName: ColumnNames.Label), "OneVersusAll(FastForestBinary)"),
        };
    }
}
