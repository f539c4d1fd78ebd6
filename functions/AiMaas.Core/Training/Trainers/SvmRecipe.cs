using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace AiMaas.Core.Training.Trainers;

/// <summary>
/// <c>svm</c>: a linear support vector machine (Pegasos), Platt-calibrated so that it answers probabilities;
/// one-versus-all for multiclass.
/// </summary>
internal sealed class SvmRecipe : TrainerRecipe
{
    private static readonly TrainerOption Lambda = new("lambda", 0, 10, IsInteger: false, "Regularisation strength of the margin") { MinimumExclusive = true, Default = "0.001" };

    public override TrainerKind Kind => TrainerKind.Svm;

    public override IReadOnlyList<TaskKind> Tasks { get; } = [TaskKind.Binary, TaskKind.Multiclass];

    public override IReadOnlyList<TrainerOption> Options { get; } = [Lambda, CommonOptions.Iterations];

    public override (IEstimator<ITransformer> Estimator, string Name) Create(MLContext ml, TaskKind task, TrainerOptions options, TrainerContext context)
    {
        var svm = new LinearSvmTrainer.Options { LabelColumnName = ColumnNames.Label, FeatureColumnName = ColumnNames.Features };
        svm.Lambda = options.GetSingle(Lambda.Name) ?? svm.Lambda;
        svm.NumberOfIterations = options.GetInt32(CommonOptions.Iterations.Name) ?? svm.NumberOfIterations;
        return task == TaskKind.Binary
            ? (ml.BinaryClassification.Trainers.LinearSvm(svm).Append(ml.BinaryClassification.Calibrators.Platt(labelColumnName: ColumnNames.Label)), "LinearSvm+Platt")
            : (ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.LinearSvm(svm), labelColumnName: ColumnNames.Label), "OneVersusAll(LinearSvm)");
    }
}
