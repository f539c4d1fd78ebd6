using AiMaas.Core.Serving;

namespace AiMaas.Core.Tests.Serving;

[TestClass]
public sealed class StartupPrimerTests
{
    /// <summary>A primer that faults (after an ML.NET or schema change) would silently give the cold start back its cost.</summary>
    [TestMethod]
    public async Task StartAlways_RunsTheServingPathWithoutError()
    {
        await StartupPrimer.StartAlways();
    }

    [TestMethod]
    public void Start_WithoutTheSetting_DoesNotPrime()
    {
        if (Environment.GetEnvironmentVariable(StartupPrimer.Setting) is not null)
        {
            Assert.Inconclusive($"{StartupPrimer.Setting} is set in this environment.");
        }

        Assert.IsNull(StartupPrimer.Start());
    }
}
