using AiMaas.LocalRuntime;
using AiMaas.LocalRuntime.Discovery;

namespace AiMaas.IntegrationTests;

/// <summary>AIMAAS_RUNTIME_TRIGGERS splits local processes the way Flex Consumption groups functions.</summary>
[TestClass]
public sealed class TriggerSelectionTests
{
    private static readonly IReadOnlyList<FunctionDescriptor> All = LocalFunctionsHost.Functions;

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("http, queue")]
    [DataRow("QUEUE,Http")]
    public void Select_UnsetOrBothKinds_HostsEveryFunction(string? value)
    {
        CollectionAssert.AreEquivalent(All.ToArray(), TriggerSelection.Select(All, value).ToArray());
    }

    [TestMethod]
    public void Select_Http_HostsEveryHttpFunctionAndNoTraining()
    {
        var selected = TriggerSelection.Select(All, "http");

        CollectionAssert.AreEquivalent(All.Where(f => f.Trigger == TriggerKind.Http).ToArray(), selected.ToArray());
        Assert.IsFalse(selected.Any(f => f.Name == "TrainFromQueue"));
        Assert.IsTrue(selected.Any(f => f.Name == "Predict"), "serving stays on the HTTP instances");
    }

    [TestMethod]
    public void Select_Queue_HostsTheTrainingAndNoRoute()
    {
        var selected = TriggerSelection.Select(All, "queue");

        Assert.IsTrue(selected.Any(f => f.Name == "TrainFromQueue"));
        Assert.IsTrue(selected.All(f => f.Trigger == TriggerKind.Queue));
    }

    [TestMethod]
    public void Select_UnknownKind_FailsNamingTheSettingAndTheKinds()
    {
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => TriggerSelection.Select(All, "http,timer"));

        StringAssert.Contains(error.Message, TriggerSelection.Setting);
        StringAssert.Contains(error.Message, "'timer'");
        StringAssert.Contains(error.Message, "http, queue");
    }
}
