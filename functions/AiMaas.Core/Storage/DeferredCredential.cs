using Azure.Core;

namespace AiMaas.Core.Storage;

/// <summary>
/// A credential made only when a token is first asked for. The Azure client factory resolves a credential for every
/// client it builds, whether the client uses it or not; with a connection string nothing ever asks, so nothing is made
/// (a <c>DefaultAzureCredential</c> costs ~100 ms of a cold start).
/// </summary>
public sealed class DeferredCredential(Func<TokenCredential> create) : TokenCredential
{
    private readonly Lazy<TokenCredential> _credential = new(create);

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        _credential.Value.GetToken(requestContext, cancellationToken);

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        _credential.Value.GetTokenAsync(requestContext, cancellationToken);
}
