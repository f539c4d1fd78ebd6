using AiMaas.Core.Datasets;
using AiMaas.Core.Jobs;
using AiMaas.Core.Tests.Support;

namespace AiMaas.Core.Tests.Training;

[TestClass]
public sealed class ModelTrainerProgressTests
{
    [TestMethod]
    public void Train_WithProgress_ReportsFeaturizingTrainingThenEvaluating()
    {
        var progress = new RecordingProgress();

        Models.CreateTrainer().Train(CsvTableReader.Read(TestData.Regression(rows: 40)), Models.Spec("y"), progress).Succeeded();

        CollectionAssert.AreEqual(new[] { JobStage.Featurizing, JobStage.Training, JobStage.Evaluating }, progress.Stages);
    }

    private sealed class RecordingProgress : IJobProgress
    {
        public List<JobStage> Stages { get; } = [];

        public void Report(JobStage stage, long? rowsRead = null, double? percent = null, int? trial = null, int? trials = null) => Stages.Add(stage);
    }
}
