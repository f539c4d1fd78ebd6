using AiMaas.Core.Storage;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace AiMaas.Core.Tests.Storage;

/// <summary>
/// The test-only fault injector, against an endpoint nobody listens on: a write it lets through fails with a connection
/// error (status 0) from the transport; the one it fails is a 500 that never left the process.
/// </summary>
[TestClass]
public sealed class BlobWriteFaultPolicyTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Upload_NthWriteUnderThePrefix_FailsOnceWithA500()
    {
        var container = Container(new() { ["AiMaas:FaultInjection:FailBlobWriteUnder"] = "models/m/1/", ["AiMaas:FaultInjection:FailBlobWriteNumber"] = "2" });

        var elsewhere = await StatusOfUploadAsync(container.GetBlobClient("m/2/model.zip"));
        var first = await StatusOfUploadAsync(container.GetBlobClient("m/1/model.zip"));
        var read = await StatusOfAsync(() => container.GetBlobClient("m/1/probe.json").DownloadContentAsync(TestContext.CancellationToken));
        var second = await StatusOfUploadAsync(container.GetBlobClient("m/1/probe.json"));
        var third = await StatusOfUploadAsync(container.GetBlobClient("m/1/manifest.json"));

        Assert.AreEqual(0, elsewhere, "outside the prefix: not counted");
        Assert.AreEqual(0, first, "the first write under the prefix goes through");
        Assert.AreEqual(0, read, "reads are never counted or failed");
        Assert.AreEqual(500, second, "the second write is the injected fault");
        Assert.AreEqual(0, third, "only once");
    }

    [TestMethod]
    public async Task Upload_NothingConfigured_NoWriteIsFailed()
    {
        var container = Container([]);

        Assert.AreEqual(0, await StatusOfUploadAsync(container.GetBlobClient("m/1/model.zip")));
        Assert.AreEqual(0, await StatusOfUploadAsync(container.GetBlobClient("m/1/probe.json")));
    }

    private static BlobContainerClient Container(Dictionary<string, string?> settings)
    {
        var options = NoRetries(new BlobClientOptions());
        BlobWriteFaultPolicy.AddIfConfigured(options, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return new BlobServiceClient(new Uri("http://127.0.0.1:1/devstoreaccount1"), options).GetBlobContainerClient("models");
    }

    private static BlobClientOptions NoRetries(BlobClientOptions options)
    {
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        return options;
    }

    private Task<int> StatusOfUploadAsync(BlobClient blob) =>
        StatusOfAsync(() => blob.UploadAsync(BinaryData.FromString("x"), overwrite: true, TestContext.CancellationToken));

    private static async Task<int> StatusOfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return 200;
        }
        catch (RequestFailedException ex)
        {
            return ex.Status;
        }
    }
}
