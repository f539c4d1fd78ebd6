using AiMaas.Core.Serving;

namespace AiMaas.Core.Tests.Serving;

[TestClass]
public sealed class StartupPrimerTests
{
    /// <summary>A primer that faults (after an ML.NET or schema change) would silently give the cold start back its cost.</summary>
    [TestMethod]
    public async Task Start_ByDefault_RunsTheServingPathWithoutError()
    {
        var primer = StartupPrimer.Start();

        Assert.IsNotNull(primer);
        await primer;
    }
}
