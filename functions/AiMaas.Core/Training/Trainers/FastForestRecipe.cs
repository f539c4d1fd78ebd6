using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace AiMaas.Core.Training.Trainers;

/// <summary><c>fastForest</c>: a random forest; Platt-calibrated for binary, one-versus-all for multiclass.</summary>
internal sealed class FastForestRecipe : TrainerRecipe
{
    private static readonly Dictionary<string, double> ClassificationDefaults = new(StringComparer.Ordinal)
    {
        [CommonOptions.Leaves.Name] = 256,
        [CommonOptions.FeatureFraction.Name] = 0.3,
    };

    private static readonly Dictionary<string, double> RegressionDefaults = new(StringComparer.Ordinal)
    {
        [CommonOptions.Leaves.Name] = 256,
        [CommonOptions.FeatureFraction.Name] = 1,
    };

    public override TrainerKind Kind => TrainerKind.FastForest;

    public override IReadOnlyList<TaskKind> Tasks { get; } = [TaskKind.Regression, TaskKind.Binary, TaskKind.Multiclass];

    public override IReadOnlyList<TrainerOption> Options { get; } =
        [CommonOptions.Trees, CommonOptions.Leaves, CommonOptions.MinimumExamplesPerLeaf, CommonOptions.FeatureFraction, ThreadsOption];

    /// <summary>
    /// ML.NET's 20 leaves per tree make shallow trees, and a forest averages away only variance, not the bias of
    /// shallow trees: on the 100k-row bench files AUC 0.78 against scikit-learn's RandomForest's 0.84, R^2 0.44
    /// against 0.76. Deeper trees fix most of it; classification gains from each tree seeing a third of the features
    /// (decorrelated trees, as scikit-learn's classifier draws features per split), regression loses from it (as
    /// scikit-learn's regressor, which uses all features by default). Measured in bench/README.md's training section.
    /// </summary>
    public override IReadOnlyDictionary<string, double> PlatformDefaults(TaskKind task) => task == TaskKind.Regression ? RegressionDefaults : ClassificationDefaults;

    public override (IEstimator<ITransformer> Estimator, string Name) Create(MLContext ml, TaskKind task, TrainerOptions options, TrainerContext context)
    {
        T Configure<T>(T o)
            where T : FastForestOptionsBase => TreeOptionsApplier.Apply(o, WithDefaults(options, task), context);

        return task switch
        {
            TaskKind.Regression => (ml.Regression.Trainers.FastForest(Configure(new FastForestRegressionTrainer.Options())), "FastForestRegression"),
            TaskKind.Binary => (ml.BinaryClassification.Trainers.FastForest(Configure(new FastForestBinaryTrainer.Options()))
                .Append(ml.BinaryClassification.Calibrators.Platt(labelColumnName: ColumnNames.Label)), "FastForestBinary+Platt"),
            _ => (ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastForest(Configure(new FastForestBinaryTrainer.Options())), labelColumnName: ColumnNames.Label), "OneVersusAll(FastForestBinary)"),
        };
    }
}
