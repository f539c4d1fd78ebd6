using AiMaas.Core.Datasets;
using AiMaas.Core.Registry;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;

namespace AiMaas.Core.Training;

/// <summary>Builds the feature pipeline and trainer for a task: numeric gaps filled with the mean, text one-hot encoded, features normalised.</summary>
public static class PipelineFactory
{
    public static (IEstimator<ITransformer> Pipeline, TrainerDescription Trainer) Create(
        MLContext ml, TaskKind task, TrainerKind trainer, IReadOnlyList<FeatureDefinition> features, int trainingRows)
    {
        var pipeline = Featurize(ml, features);
        var (estimator, description) = CreateTrainer(ml, task, trainer, trainingRows);
        var chain = pipeline.Append(estimator);
        return task == TaskKind.Multiclass
            ? (chain.Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")), description)
            : (chain, description);
    }

    private static EstimatorChain<NormalizingTransformer> Featurize(MLContext ml, IReadOnlyList<FeatureDefinition> features)
    {
        var numeric = features.Where(f => f.Type == ColumnKind.Number).Select(f => new InputOutputColumnPair(f.Name, f.Name)).ToArray();
        var text = features.Where(f => f.Type == ColumnKind.Text).Select(f => new InputOutputColumnPair(f.Name, f.Name)).ToArray();
        IEstimator<ITransformer> pipeline = new EstimatorChain<ITransformer>();
        if (numeric.Length > 0)
        {
            pipeline = pipeline.Append(ml.Transforms.ReplaceMissingValues(numeric, MissingValueReplacingEstimator.ReplacementMode.Mean));
        }

        if (text.Length > 0)
        {
            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(text));
        }

        return pipeline
            .Append(ml.Transforms.Concatenate(ColumnNames.Features, features.Select(f => f.Name).ToArray()))
            .Append(ml.Transforms.NormalizeMinMax(ColumnNames.Features))
            .AppendCacheCheckpoint(ml);
    }

    private static (IEstimator<ITransformer>, TrainerDescription) CreateTrainer(MLContext ml, TaskKind task, TrainerKind trainer, int rows)
    {
        // Small datasets cannot fill FastTree's default 10 examples per leaf.
        var minPerLeaf = Math.Clamp(rows / 20, 1, 10);
        return (task, trainer) switch
        {
            (TaskKind.Regression, TrainerKind.Linear) => Describe(
                ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options { LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features, NumberOfThreads = 1 }),
                "SdcaRegression",
                ("numberOfThreads", 1)),
            (TaskKind.Binary, TrainerKind.Linear) => Describe(
                ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options { LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features, NumberOfThreads = 1 }),
                "SdcaLogisticRegression",
                ("numberOfThreads", 1)),
            (TaskKind.Multiclass, TrainerKind.Linear) => Describe(
                ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options { LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features, NumberOfThreads = 1 }),
                "SdcaMaximumEntropy",
                ("numberOfThreads", 1)),
            (TaskKind.Regression, TrainerKind.FastTree) => Describe(
                ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options { LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features, NumberOfThreads = 1, MinimumExampleCountPerLeaf = minPerLeaf }),
                "FastTreeRegression",
                ("numberOfThreads", 1),
                ("minimumExampleCountPerLeaf", minPerLeaf)),
            (TaskKind.Binary, TrainerKind.FastTree) => Describe(
                ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features, NumberOfThreads = 1, MinimumExampleCountPerLeaf = minPerLeaf }),
                "FastTreeBinary",
                ("numberOfThreads", 1),
                ("minimumExampleCountPerLeaf", minPerLeaf)),
            _ => Describe(
                ml.MulticlassClassification.Trainers.OneVersusAll(
                    ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features, NumberOfThreads = 1, MinimumExampleCountPerLeaf = minPerLeaf }),
                    labelColumnName: ColumnNames.Label),
                "OneVersusAll(FastTreeBinary)",
                ("numberOfThreads", 1),
                ("minimumExampleCountPerLeaf", minPerLeaf)),
        };
    }

    private static (IEstimator<ITransformer>, TrainerDescription) Describe(IEstimator<ITransformer> trainer, string name, params (string Key, object Value)[] options) =>
        (trainer, new TrainerDescription(name, options.ToDictionary(o => o.Key, o => o.Value)));
}
