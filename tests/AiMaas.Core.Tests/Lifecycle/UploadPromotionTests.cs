using System.Text;
using AiMaas.Core.Lifecycle;
using AiMaas.Core.Tests.Support;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Tests.Lifecycle;

/// <summary>An upload promotes a model's first version, decided under the model document's ETag so racing uploads cannot both be "first".</summary>
[TestClass]
public sealed class UploadPromotionTests
{
    public TestContext TestContext { get; set; } = null!;

    private CancellationToken Token => TestContext.CancellationToken;

    [TestMethod]
    public async Task UploadAsync_ModelWithoutCurrentVersion_PromotesTheUpload()
    {
        var platform = await InMemoryPlatform.CreateAsync();

        var uploaded = await UploaderOf(platform).UploadAsync("m", new MemoryStream(Models.Regression.Zip), metadataJson: null, Token);

        Assert.IsNull(uploaded.Problem, uploaded.Problem?.Detail);
        Assert.AreEqual(1, (await platform.Registry().GetModelAsync("m", Token))!.CurrentVersion);
    }

    [TestMethod]
    public async Task UploadAsync_AnotherVersionBecomesCurrentBeforeTheAliasWrite_LeavesItCurrent()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        Assert.IsNull((await UploaderOf(platform).UploadAsync("m", new MemoryStream(Models.Regression.Zip), """{"promote":"never"}""", Token)).Problem);
        Assert.IsNull((await platform.Registry().GetModelAsync("m", Token))!.CurrentVersion);
        // Another instance promotes version 1 after this upload read "no current version" and before its alias write lands.
        platform.Blobs.BeforeRequest = async (request, token) =>
        {
            if (request is { Method: "PUT", Blob: "m/model.json" } && Encoding.UTF8.GetString(request.Body).Contains("\"current\"", StringComparison.Ordinal))
            {
                platform.Blobs.BeforeRequest = null;
                Assert.IsNull((await platform.Registry().SetAliasAsync("m", "current", 1, ifMatch: null, token)).Problem);
            }
        };

        var uploaded = await UploaderOf(platform).UploadAsync("m", new MemoryStream(Models.Regression.Zip), metadataJson: null, Token);

        if (uploaded.Failed(out var problem))
        {
            Assert.Fail(problem.Detail);
        }

        Assert.AreEqual(2, uploaded.Value.Version);
        Assert.AreEqual(1, (await platform.Registry().GetModelAsync("m", Token))!.CurrentVersion);
    }

    [TestMethod]
    public async Task UploadAsync_PromoteAlways_MovesCurrentEvenWhenOneIsSet()
    {
        var platform = await InMemoryPlatform.CreateAsync();
        Assert.IsNull((await UploaderOf(platform).UploadAsync("m", new MemoryStream(Models.Regression.Zip), metadataJson: null, Token)).Problem);
        Assert.AreEqual(1, (await platform.Registry().GetModelAsync("m", Token))!.CurrentVersion);

        var uploaded = await UploaderOf(platform).UploadAsync("m", new MemoryStream(Models.Regression.Zip), """{"promote":"always"}""", Token);

        Assert.IsNull(uploaded.Problem, uploaded.Problem?.Detail);
        Assert.AreEqual(2, (await platform.Registry().GetModelAsync("m", Token))!.CurrentVersion);
    }

    private static ModelUploader UploaderOf(InMemoryPlatform platform) => new(platform.Registry(), platform.Time, Options.Create(platform.Options));
}
