using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace AiMaas.Core.Training.Trainers;

/// <summary><c>gradientDescent</c>: online gradient descent on squared loss (regression), stochastic gradient descent on log loss (binary).</summary>
internal sealed class GradientDescentRecipe : TrainerRecipe
{
    public override TrainerKind Kind => TrainerKind.GradientDescent;

    public override bool ReproducibleOnManyThreads => false;

    public override IReadOnlyList<TaskKind> Tasks { get; } = [TaskKind.Regression, TaskKind.Binary];

    public override IReadOnlyList<TrainerOption> Options { get; } = [CommonOptions.LearningRate, CommonOptions.L2, CommonOptions.Iterations, ThreadsOption];

    public override (IEstimator<ITransformer> Estimator, string Name) Create(MLContext ml, TaskKind task, TrainerOptions options, TrainerContext context)
    {
        if (task == TaskKind.Regression)
        {
            var regression = new OnlineGradientDescentTrainer.Options { LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features };
            regression.LearningRate = options.GetSingle(CommonOptions.LearningRate.Name) ?? regression.LearningRate;
            regression.L2Regularization = options.GetSingle(CommonOptions.L2.Name) ?? regression.L2Regularization;
            regression.NumberOfIterations = options.GetInt32(CommonOptions.Iterations.Name) ?? regression.NumberOfIterations;
            return (ml.Regression.Trainers.OnlineGradientDescent(regression), "OnlineGradientDescent");
        }

        var binary = new SgdCalibratedTrainer.Options { LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features, NumberOfThreads = context.Threads };
        binary.LearningRate = options.GetDouble(CommonOptions.LearningRate.Name) ?? binary.LearningRate;
        binary.L2Regularization = options.GetSingle(CommonOptions.L2.Name) ?? binary.L2Regularization;
        binary.NumberOfIterations = options.GetInt32(CommonOptions.Iterations.Name) ?? binary.NumberOfIterations;
        return (ml.BinaryClassification.Trainers.SgdCalibrated(binary), "SgdCalibrated");
    }
}
