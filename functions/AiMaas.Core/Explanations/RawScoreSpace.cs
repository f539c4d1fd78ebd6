using AiMaas.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace AiMaas.Core.Explanations;

/// <summary>
/// Where a model's raw score lives: its score for regression, except Poisson regression (lbfgs), whose score is
/// exp of the linear part, so that its raw score, like a classifier's log-odds, is the logarithm of its prediction.
/// </summary>
public static class RawScoreSpace
{
    public static bool IsLogOfScore(ITransformer model) =>
        ModelSteps.Flatten(model).OfType<IPredictionTransformer<object>>().Any(p => p.Model is PoissonRegressionModelParameters);
}
