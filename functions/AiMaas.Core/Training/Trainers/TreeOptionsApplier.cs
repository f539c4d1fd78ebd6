using Microsoft.ML.Trainers.FastTree;

namespace AiMaas.Core.Training.Trainers;

/// <summary>The options every FastTree-family ensemble shares (boosted trees and forests), set one way for both.</summary>
internal static class TreeOptionsApplier
{
    public static T Apply<T>(T o, TrainerOptions options, TrainerContext context)
        where T : TreeOptions
    {
        o.LabelColumnName = ColumnNames.Label;
        o.FeatureColumnName = ColumnNames.Features;
        o.NumberOfThreads = context.Threads;
        o.Seed = context.Seed;
        o.NumberOfTrees = options.GetInt32(CommonOptions.Trees.Name) ?? o.NumberOfTrees;
        o.NumberOfLeaves = options.GetInt32(CommonOptions.Leaves.Name) ?? o.NumberOfLeaves;
        o.MinimumExampleCountPerLeaf = options.GetInt32(CommonOptions.MinimumExamplesPerLeaf.Name) ?? context.MinimumExamplesPerLeaf;
        o.FeatureFraction = options.GetDouble(CommonOptions.FeatureFraction.Name) ?? o.FeatureFraction;
        return o;
    }
}
