using AiMaas.Core.Serving;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Serving;

[TestClass]
public sealed class ModelVersionTextTests
{
    [TestMethod]
    public void ToReference_NoVersion_MeansTheCurrentVersion()
    {
        var reference = ModelVersionText.ToReference("iris", null).Value!;

        Assert.IsNull(reference.Version);
        Assert.AreEqual("current", reference.EffectiveAlias);
    }

    [TestMethod]
    public void ToReference_PositiveInteger_IsThatVersion() =>
        Assert.AreEqual(3, ModelVersionText.ToReference("iris", "3").Value!.Version);

    [TestMethod]
    [DataRow("0")]
    [DataRow("-1")]
    [DataRow("v1")]
    [DataRow("1.0")]
    [DataRow("99999999999")]
    public void ToReference_NotAPositiveInteger_IsNotFound(string version) =>
        Assert.AreEqual(ProblemKind.NotFound, ModelVersionText.ToReference("iris", version).Problem?.Kind);
}
