using AiMaas.Core.Access;

namespace AiMaas.Core.Tests.Access;

[TestClass]
public sealed class CreateKeyRequestValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Validate_GoodRequest_HasNoProblem() =>
        Assert.IsNull(CreateKeyRequestValidator.Validate(
            new CreateKeyRequest { Name = "frontend", Scopes = ["predict:iris"], ExpiresAt = Now.AddDays(1), Limits = new KeyLimits { RequestsPerSecond = 5 } },
            Now));

    [TestMethod]
    public void Validate_BadFields_AreEachNamed()
    {
        var problem = CreateKeyRequestValidator.Validate(
            new CreateKeyRequest { Name = "a\u0000", Scopes = ["predict:iris", "root"], ExpiresAt = Now, Limits = new KeyLimits { RowsPerSecond = 0 } },
            Now)!;

        CollectionAssert.AreEquivalent(new[] { "name", "scopes[1]", "expiresAt", "limits.rowsPerSecond" }, problem.Errors!.Keys.ToArray());
    }

    [TestMethod]
    public void Validate_NoScopes_IsInvalid() =>
        Assert.IsTrue(CreateKeyRequestValidator.Validate(new CreateKeyRequest { Name = "x", Scopes = [] }, Now)!.Errors!.ContainsKey("scopes"));
}
