using AiMaas.Core.Data;
using System.Collections.Immutable;
using AiMaas.Core.Registry;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;

namespace AiMaas.Core.Serving.Scoring;

/// <summary>
/// Reads the parameters of a linear regression that the platform trained on numeric features alone, straight from the
/// model's transformers: [mean imputation] → concatenation → min-max normalisation → linear regression. Anything else,
/// any other transformer, trainer, feature type or source, reads as null and is scored by the model itself.
/// </summary>
internal static class LinearPipelineReader
{
    public static LinearPipeline? TryRead(ITransformer transformer, DataViewSchema inputSchema, ModelManifest manifest)
    {
        // Only the platform's own featurizer is known to impute in place and concatenate the features in manifest order.
        if (manifest.Source != ModelSources.Training
            || manifest.Features.Count == 0
            || manifest.Features.Count != inputSchema.Count
            || manifest.Features.Any(f => f.Type != ColumnKind.Number)
            || inputSchema.Any(c => c.Type != NumberDataViewType.Single)
            || !manifest.Features.Select(f => f.Name).SequenceEqual(inputSchema.Select(c => c.Name)))
        {
            return null;
        }

        var steps = ModelSteps.Flatten(transformer).ToList();
        if (steps.Count > 0 && steps[0] is MissingValueReplacingTransformer)
        {
            steps.RemoveAt(0);
        }

        if (steps is not [ColumnConcatenatingTransformer concat, NormalizingTransformer normalizer, ISingleFeaturePredictionTransformer<LinearRegressionModelParameters> predictor]
            || predictor.FeatureColumnName != ColumnNames.Features
            || !ConcatenatesInOrder(concat, inputSchema, manifest))
        {
            return null;
        }

        if (normalizer.GetNormalizerModelParameters(0) is not NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> affine)
        {
            return null;
        }

        var features = manifest.Features.Count;
        var weights = predictor.Model.Weights.ToArray();
        var offsets = affine.Offset.IsDefault ? ImmutableArray<float>.Empty : affine.Offset;
        return weights.Length == features && affine.Scale.Length == features && (offsets.IsEmpty || offsets.Length == features)
            ? new LinearPipeline(affine.Scale, offsets, weights, predictor.Model.Bias)
            : null;
    }

    /// <summary>The concatenated vector's slot names must be the features, in manifest order: slot f is feature f.</summary>
    private static bool ConcatenatesInOrder(ColumnConcatenatingTransformer concat, DataViewSchema inputSchema, ModelManifest manifest)
    {
        var output = concat.GetOutputSchema(inputSchema).GetColumnOrNull(ColumnNames.Features);
        if (output is not { Type: VectorDataViewType { Size: var size } } column || size != manifest.Features.Count || !column.HasSlotNames())
        {
            return false;
        }

        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).SequenceEqual(manifest.Features.Select(f => f.Name));
    }
}
