using Microsoft.Extensions.Options;

namespace AiMaas.Core.Tests;

[TestClass]
public sealed class AiMaasOptionsValidatorTests
{
    [TestMethod]
    public void Validate_DefaultsWithTrainingQueue_Succeeds()
    {
        var result = Validate(new AiMaasOptions { TrainingQueue = "training-requests" });

        Assert.IsTrue(result.Succeeded, result.FailureMessage);
    }

    [TestMethod]
    public void Validate_EmptyTrainingQueue_FailsNamingIt()
    {
        var result = Validate(new AiMaasOptions());

        Assert.IsTrue(result.Failed);
        Assert.Contains(nameof(AiMaasOptions.TrainingQueue), result.FailureMessage);
    }

    [TestMethod]
    [DataRow("Models")]
    [DataRow("ml")]
    [DataRow("my_models")]
    [DataRow("-models")]
    [DataRow("models-")]
    [DataRow("my--models")]
    public void Validate_InvalidContainerName_FailsNamingIt(string container)
    {
        var result = Validate(new AiMaasOptions { TrainingQueue = "training-requests", ModelsContainer = container });

        Assert.IsTrue(result.Failed, container);
        Assert.Contains(nameof(AiMaasOptions.ModelsContainer), result.FailureMessage);
    }

    [TestMethod]
    [DataRow("Training")]
    [DataRow("tr")]
    public void Validate_InvalidTrainingQueueName_Fails(string queue) =>
        Assert.IsTrue(Validate(new AiMaasOptions { TrainingQueue = queue }).Failed, queue);

    [TestMethod]
    public void Validate_InlineCsvLimitAboveQueueMessageSize_Fails()
    {
        var result = Validate(new AiMaasOptions { TrainingQueue = "training-requests", MaxInlineCsvBytes = 64 * 1024 });

        Assert.IsTrue(result.Failed);
        Assert.Contains(nameof(AiMaasOptions.MaxInlineCsvBytes), result.FailureMessage);
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(0.9)]
    public void Validate_TestFractionOutOfRange_Fails(double fraction) =>
        Assert.IsTrue(Validate(new AiMaasOptions { TrainingQueue = "training-requests", TestFraction = fraction }).Failed);

    [TestMethod]
    public void Validate_CacheDurationOverAnHour_Fails() =>
        Assert.IsTrue(Validate(new AiMaasOptions { TrainingQueue = "training-requests", AliasCacheDuration = TimeSpan.FromHours(2) }).Failed);

    private static ValidateOptionsResult Validate(AiMaasOptions options) => new AiMaasOptionsValidator().Validate(Options.DefaultName, options);
}
