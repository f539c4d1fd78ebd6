using System.Collections;
using System.Reflection;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace AiMaas.Core.Explanations;

/// <summary>
/// Picks the exact explainer for a predictor by the type of its model parameters, whichever trainer made them:
/// linear models (a calibrated binary model's raw score is its sub-model's), maximum entropy's per-class weights,
/// tree ensembles (boosted, forests, LightGBM), and one-versus-all models class by class. Anything else is null.
/// </summary>
internal static class ExplainerFactory
{
    public static IFeatureExplainer? TryCreate(object parameters, ExplanationBackground background, int[] groupOfSlot, int columns)
    {
        var slots = groupOfSlot.Length;
        switch (parameters)
        {
            case CalibratedModelParametersBase calibrated:
                return TryCreate(calibrated.SubModel, background, groupOfSlot, columns);
            case LinearModelParameters linear:
                {
                    var weights = linear.Weights.ToArray();
                    return weights.Length == slots
                        ? new LinearExplainer([weights], [linear.Bias], background.Mean, groupOfSlot, columns)
                        : null;
                }

            case LinearMulticlassModelParametersBase maximumEntropy:
                {
                    VBuffer<float>[] buffers = [];
                    maximumEntropy.GetWeights(ref buffers, out var classes);
                    var weights = buffers.Take(classes).Select(b => b.DenseValues().ToArray()).ToArray();
                    var biases = maximumEntropy.GetBiases().Select(b => (double)b).ToArray();
                    return weights.All(w => w.Length == slots) && biases.Length == classes
                        ? new LinearExplainer(weights, biases, background.Mean, groupOfSlot, columns)
                        : null;
                }

            case TreeEnsembleModelParametersBasedOnRegressionTree ensemble:
                return Trees(ensemble.TrainedTreeEnsemble.Trees, Scale(parameters, ensemble.TrainedTreeEnsemble.Trees.Count), background, groupOfSlot, columns);
            case TreeEnsembleModelParametersBasedOnQuantileRegressionTree forest:
                return Trees(forest.TrainedTreeEnsemble.Trees, Scale(parameters, forest.TrainedTreeEnsemble.Trees.Count), background, groupOfSlot, columns);
            case OneVersusAllModelParameters oneVersusAll:
                {
                    var classes = SubModels(oneVersusAll)?.Select(m => TryCreate(m, background, groupOfSlot, columns)).ToArray();
                    return classes is { Length: > 0 } && classes.All(c => c is { Outputs: 1 })
                        ? new OneVersusAllExplainer(classes!, columns)
                        : null;
                }

            default:
                return null;
        }
    }

    private static TreeShapExplainer? Trees(IEnumerable<RegressionTreeBase> trees, double scale, ExplanationBackground background, int[] groupOfSlot, int columns)
    {
        var compiled = trees.Select(t => ShapTree.Create(t, scale, groupOfSlot)).ToArray();
        return compiled.Any(t => t is null) || background.Rows == 0
            ? null
            : TreeShapExplainer.Create(compiled!, background.Vectors, background.Rows, groupOfSlot.Length, columns);
    }

    /// <summary>A regression forest's score is the mean of its trees (ML.NET divides the sum by the tree count); boosted trees add up.</summary>
    private static double Scale(object parameters, int trees) =>
        parameters is FastForestRegressionModelParameters && trees > 0 ? 1.0 / trees : 1.0;

    /// <summary>
    /// ML.NET keeps a one-versus-all model's binary models behind an internal property; reading it is the only way to
    /// explain each class exactly. If a future ML.NET renames it, the model is explained by sampling instead.
    /// </summary>
    private static object[]? SubModels(OneVersusAllModelParameters model) =>
        typeof(OneVersusAllModelParameters).GetProperty("SubModelParameters", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(model) is IEnumerable models
            ? models.Cast<object>().ToArray()
            : null;
}
