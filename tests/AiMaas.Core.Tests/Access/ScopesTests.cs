using AiMaas.Core.Access;

namespace AiMaas.Core.Tests.Access;

[TestClass]
public sealed class ScopesTests
{
    [TestMethod]
    [DataRow("predict:iris", "predict:iris", true)]
    [DataRow("predict:*", "predict:iris", true)]
    [DataRow("admin", "manage:iris", true)]
    [DataRow("admin", "datasets:write", true)]
    [DataRow("predict:iris", "predict:iris2", false)]
    [DataRow("predict:iris", "manage:iris", false)]
    [DataRow("predict:*", "train:iris", false)]
    [DataRow("datasets:read", "datasets:write", false)]
    [DataRow("manage:*", "admin", false)]
    [DataRow("predict:Iris", "predict:iris", false)]
    public void Grants_HeldScope_DecidesRequiredScope(string held, string required, bool expected) =>
        Assert.AreEqual(expected, Scopes.Grants([held], required));

    [TestMethod]
    [DataRow("predict:iris")]
    [DataRow("train:*")]
    [DataRow("manage:my-model.v2")]
    [DataRow("datasets:read")]
    [DataRow("datasets:write")]
    [DataRow("admin")]
    public void Check_KnownScope_IsAccepted(string scope) => Assert.IsNull(Scopes.Check(scope));

    [TestMethod]
    [DataRow("")]
    [DataRow("root")]
    [DataRow("predict:")]
    [DataRow("predict:../x")]
    [DataRow("predict:іris")]
    [DataRow("predict:a*")]
    [DataRow("delete:iris")]
    [DataRow("datasets:*")]
    [DataRow("Admin")]
    public void Check_UnknownScope_NamesTheFieldAndWhatIsExpected(string scope) => StringAssert.Contains(Scopes.Check(scope, "scopes[0]")?.Errors?["scopes[0]"][0], "expected");
}
