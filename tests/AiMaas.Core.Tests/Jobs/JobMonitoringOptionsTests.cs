using AiMaas.Core.Jobs;
using Microsoft.Extensions.Configuration;

namespace AiMaas.Core.Tests.Jobs;

[TestClass]
public sealed class JobMonitoringOptionsTests
{
    [TestMethod]
    public void Validate_Defaults_Succeed()
    {
        Assert.IsTrue(new JobMonitoringOptionsValidator().Validate(null, new JobMonitoringOptions()).Succeeded);
    }

    [TestMethod]
    public void Validate_StalledThresholdNotLongerThanHeartbeat_FailsNamingBoth()
    {
        var result = new JobMonitoringOptionsValidator().Validate(null, new JobMonitoringOptions { JobStalledAfter = TimeSpan.FromSeconds(5) });

        Assert.IsTrue(result.Failed);
        StringAssert.Contains(result.FailureMessage, "JobStalledAfter");
        StringAssert.Contains(result.FailureMessage, "JobHeartbeatInterval");
    }

    [TestMethod]
    public void Validate_HeartbeatShorterThanProgressInterval_Fails()
    {
        var options = new JobMonitoringOptions { JobProgressInterval = TimeSpan.FromSeconds(10), JobHeartbeatInterval = TimeSpan.FromSeconds(5) };

        Assert.IsTrue(new JobMonitoringOptionsValidator().Validate(null, options).Failed);
    }

    [TestMethod]
    [DataRow(null, 600.0)]
    [DataRow("00:00:02", 2.0)]
    [DataRow("two minutes", 0.0)]
    public void ReadQueueProcessingVisibility_Setting_DefaultsToTheHostsTenMinutes(string? value, double expectedSeconds)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [JobMonitoringOptions.QueueProcessingVisibilitySetting] = value })
            .Build();

        Assert.AreEqual(TimeSpan.FromSeconds(expectedSeconds), JobMonitoringOptions.ReadQueueProcessingVisibility(configuration));
    }

    [TestMethod]
    public void Validate_UnreadableProcessingVisibility_FailsNamingTheSetting()
    {
        var result = new JobMonitoringOptionsValidator().Validate(null, new JobMonitoringOptions { QueueProcessingVisibility = TimeSpan.Zero });

        Assert.IsTrue(result.Failed);
        StringAssert.Contains(result.FailureMessage, JobMonitoringOptions.QueueProcessingVisibilitySetting);
    }
}
