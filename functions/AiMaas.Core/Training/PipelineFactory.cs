using AiMaas.Core.Registry;
using AiMaas.Core.Training.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace AiMaas.Core.Training;

/// <summary>Builds the feature pipeline and trainer for a task: numeric gaps filled with the mean, text one-hot encoded, features normalised.</summary>
public static class PipelineFactory
{
    public static (IEstimator<ITransformer> Pipeline, TrainerDescription Trainer) Create(
        MLContext ml, TaskKind task, TrainerKind trainer, TrainerOptions options, IReadOnlyList<FeatureDefinition> features, TrainerContext context)
    {
        var recipe = TrainerCatalog.Get(trainer);
        var (estimator, name) = recipe.Create(ml, task, options, context);
        var chain = Featurize(ml, features).Append(estimator);
        var description = new TrainerDescription(name, Describe(recipe, task, options, context));
        return task == TaskKind.Multiclass
            ? (chain.Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel")), description)
            : (chain, description);
    }

    /// <summary>The options the trainer ran with: those the request gave, and the ones the platform chose for it.</summary>
    private static Dictionary<string, object> Describe(TrainerRecipe recipe, TaskKind task, TrainerOptions options, TrainerContext context)
    {
        var described = recipe.WithDefaults(options, task).Values.ToDictionary(o => o.Key, o => (object)o.Value, StringComparer.Ordinal);
        if (recipe.Options.Any(o => o.Name == TrainerRecipe.Threads))
        {
            described[TrainerRecipe.Threads] = context.Threads;
        }

        if (recipe.Options.Any(o => o.Name == "minimumExampleCountPerLeaf") && !described.ContainsKey("minimumExampleCountPerLeaf"))
        {
            described["minimumExampleCountPerLeaf"] = context.MinimumExamplesPerLeaf;
        }

        return described;
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
}
