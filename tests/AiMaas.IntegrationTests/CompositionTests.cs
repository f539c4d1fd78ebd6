using AiMaas.Core;
using AiMaas.Core.Jobs;
using AiMaas.Functions;
using AiMaas.LocalRuntime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AiMaas.IntegrationTests;

/// <summary>The app's services resolve, and a bad setting stops start-up with a message that names it.</summary>
[TestClass]
public sealed class CompositionTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void FunctionAppServices_ValidateOnBuild_ResolveWithoutError()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Platform.Settings());
        builder.AddAiMaasFunctions();

        using var host = builder.Build(); // ValidateOnBuild and ValidateScopes are on in Development; force them here.
        var provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.IsNotNull(provider.GetRequiredService<IOptions<AiMaasOptions>>().Value);
        provider.Dispose();
    }

    [TestMethod]
    public async Task Start_InvalidOption_FailsNamingTheOption()
    {
        var settings = Platform.Settings();
        settings["AiMaas:TestFraction"] = "0.9";
        await using var app = LocalFunctionsHost.Build(new LocalHostSettings { Port = 0, Overrides = settings });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.CancellationToken));

        StringAssert.Contains(error.Message, "TestFraction");
    }

    [TestMethod]
    public async Task Start_ShortHostKey_FailsNamingTheSetting()
    {
        var settings = Platform.Settings();
        settings[LocalRuntimeOptions.HostKeySetting] = "short";

        var error = Assert.Throws<OptionsValidationException>(() => LocalFunctionsHost.Build(new LocalHostSettings { Port = 0, Overrides = settings }));

        StringAssert.Contains(error.Message, "AIMAAS_HOST_KEY");
        await Task.CompletedTask;
    }

    [TestMethod]
    [DataRow("ten minutes")]
    [DataRow("00:00:00.500")]
    [DataRow("8.00:00:00")]
    public void Build_UnusableProcessingVisibility_FailsNamingTheSetting(string value)
    {
        var settings = Platform.Settings();
        settings[JobMonitoringOptions.QueueProcessingVisibilitySetting] = value;

        var error = Assert.Throws<OptionsValidationException>(() => LocalFunctionsHost.Build(new LocalHostSettings { Port = 0, Overrides = settings }));

        StringAssert.Contains(error.Message, JobMonitoringOptions.QueueProcessingVisibilitySetting);
    }

    [TestMethod]
    public async Task Start_StallThresholdWithinHeartbeat_FailsNamingBoth()
    {
        var settings = Platform.Settings();
        settings["AiMaas:JobHeartbeatInterval"] = "00:00:10";
        settings["AiMaas:JobStalledAfter"] = "00:00:05";
        await using var app = LocalFunctionsHost.Build(new LocalHostSettings { Port = 0, Overrides = settings });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.CancellationToken));

        StringAssert.Contains(error.Message, "JobStalledAfter");
        StringAssert.Contains(error.Message, "JobHeartbeatInterval");
    }

    [TestMethod]
    public void Build_MissingTrainingQueueSetting_FailsNamingTheSetting()
    {
        var settings = Platform.Settings();
        settings[AiMaasOptions.TrainingQueueSetting] = "";

        var error = Assert.Throws<InvalidOperationException>(() => LocalFunctionsHost.Build(new LocalHostSettings { Port = 0, Overrides = settings }));

        StringAssert.Contains(error.Message, AiMaasOptions.TrainingQueueSetting);
    }
}
