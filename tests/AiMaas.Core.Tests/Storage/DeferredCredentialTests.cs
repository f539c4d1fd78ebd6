using AiMaas.Core.Storage;
using Azure.Core;

namespace AiMaas.Core.Tests.Storage;

/// <summary>With a connection string no token is ever asked for, so the real credential is never made (a cold-start cost).</summary>
[TestClass]
public sealed class DeferredCredentialTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Credential_IsMadeOnlyWhenATokenIsFirstAskedFor_ThenOnce()
    {
        var made = 0;
        var credential = new DeferredCredential(() =>
        {
            made++;
            return new FixedCredential();
        });
        var context = new TokenRequestContext(["https://storage.azure.com/.default"]);

        Assert.AreEqual(0, made, "nothing is made before a token is asked for");
        var first = credential.GetToken(context, TestContext.CancellationToken);
        var second = await credential.GetTokenAsync(context, TestContext.CancellationToken);

        Assert.AreEqual(1, made);
        Assert.AreEqual("token", first.Token);
        Assert.AreEqual("token", second.Token);
    }

    private sealed class FixedCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("token", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
