using AiMaas.Core.Access;
using AiMaas.Tests.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiMaas.Core.Tests.Access;

/// <summary>Key expiry and the revocation bound on a fake clock, over in-memory storage shared by two instances.</summary>
[TestClass]
public sealed class ApiKeyStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task AuthenticateAsync_UntilAndAtExpiry_AcceptedThenRefused()
    {
        var (time, first, _) = Instances();
        var created = await first.CreateAsync(Request(expiresAt: Start.AddSeconds(3)), "host", Token);

        time.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        Assert.IsNotNull(await first.AuthenticateAsync(created.Key, Token));

        time.Advance(TimeSpan.FromTicks(1));
        Assert.IsNull(await first.AuthenticateAsync(created.Key, Token), "refused from its expiry on, cached or not");
    }

    [TestMethod]
    public async Task AuthenticateAsync_RevokedOnAnotherInstance_RefusedOnceTheCacheDurationHasPassed()
    {
        var (time, first, second) = Instances();
        var created = await first.CreateAsync(Request(expiresAt: null), "host", Token);
        Assert.IsNotNull(await second.AuthenticateAsync(created.Key, Token));

        Assert.IsNotNull(await first.RevokeAsync(created.Info.Id, Token));
        Assert.IsNull(await first.AuthenticateAsync(created.Key, Token), "the revoking instance refuses at once");
        time.Advance(CacheDuration - TimeSpan.FromTicks(1));
        Assert.IsNotNull(await second.AuthenticateAsync(created.Key, Token), "another instance may still accept within the bound");

        time.Advance(TimeSpan.FromTicks(1));
        Assert.IsNull(await second.AuthenticateAsync(created.Key, Token), "and refuses once it has passed");
    }

    [TestMethod]
    public async Task AuthenticateAsync_WrongSecretForAnExistingId_Refused()
    {
        var (_, first, _) = Instances();
        var created = await first.CreateAsync(Request(expiresAt: null), "host", Token);
        var tampered = created.Key[..^1] + (created.Key[^1] == 'a' ? 'b' : 'a');

        Assert.IsNull(await first.AuthenticateAsync(tampered, Token));
    }

    private static (FakeTimeProvider Time, ApiKeyStore First, ApiKeyStore Second) Instances()
    {
        var time = new FakeTimeProvider(Start);
        var blobs = new InMemoryBlobStorage().CreateServiceClient();
        var options = Options.Create(new AccessOptions { KeyCacheDuration = CacheDuration });
        return (time, new ApiKeyStore(blobs, options, time), new ApiKeyStore(blobs, options, time));
    }

    private static CreateKeyRequest Request(DateTimeOffset? expiresAt) => new() { Name = "test", Scopes = ["predict:m"], ExpiresAt = expiresAt };
}
