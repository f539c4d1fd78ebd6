using AiMaas.Core.Datasets;
using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Tests.Support;

/// <summary>Trainers and models trained once per test run on the generated datasets, shared by the tests that only read them.</summary>
internal static class Models
{
    private static readonly Lazy<TrainedModel> RegressionModel = new(() => Train(TestData.Regression(), "y"));
    private static readonly Lazy<TrainedModel> BinaryModel = new(() => Train(TestData.Binary(), "bought"));
    private static readonly Lazy<TrainedModel> MulticlassModel = new(() => Train(TestData.Multiclass(), "species"));

    public static TrainedModel Regression => RegressionModel.Value;

    public static TrainedModel Binary => BinaryModel.Value;

    public static TrainedModel Multiclass => MulticlassModel.Value;

    public static ModelTrainer CreateTrainer(Action<AiMaasOptions>? configure = null)
    {
        var options = new AiMaasOptions { TrainingQueue = "training-requests" };
        configure?.Invoke(options);
        return new ModelTrainer(Options.Create(options), TimeProvider.System);
    }

    public static TrainingSpec Spec(string label, TaskKind? task = null, TrainerKind trainer = TrainerKind.Linear) =>
        new("test-model", Dataset: "test.csv", Csv: null, label, task, trainer, JobId: null);

    public static TrainedModel Train(string csv, string label, TaskKind? task = null, TrainerKind trainer = TrainerKind.Linear) =>
        TryTrain(csv, label, task, trainer).Succeeded();

    /// <summary>The model, or the problem with the request or the data.</summary>
    public static Result<TrainedModel> TryTrain(string csv, string label, TaskKind? task = null, TrainerKind trainer = TrainerKind.Linear) =>
        CreateTrainer().Train(CsvTableReader.Read(csv), Spec(label, task, trainer));
}
