using AiMaas.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace AiMaas.Core.Tests.Storage;

[TestClass]
public sealed class StorageConnectionReaderTests
{
    private const string Name = "AzureWebJobsStorage";

    [TestMethod]
    public void Read_ConnectionString_UsesIt()
    {
        var connection = Read(new() { [Name] = "UseDevelopmentStorage=true" });

        Assert.AreEqual("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.IsFalse(connection.UsesIdentity);
        Assert.IsNull(connection.BlobServiceUri);
        Assert.IsNull(connection.QueueServiceUri);
        Assert.IsNull(connection.ClientId);
    }

    [TestMethod]
    public void Read_ServiceUrisAndClientId_UsesUserAssignedIdentity()
    {
        var connection = Read(new()
        {
            [$"{Name}:blobServiceUri"] = "https://acct.blob.core.windows.net",
            [$"{Name}:queueServiceUri"] = "https://acct.queue.core.windows.net",
            [$"{Name}:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.IsTrue(connection.UsesIdentity);
        Assert.IsNull(connection.ConnectionString);
        Assert.AreEqual(new Uri("https://acct.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.AreEqual(new Uri("https://acct.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.AreEqual("00000000-0000-0000-0000-000000000001", connection.ClientId);
    }

    [TestMethod]
    public void Read_DoubleUnderscoreEnvironmentVariableShape_IsTheSameSection()
    {
        // Environment variables name sections with '__'; the environment provider turns them into ':'.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ConfigurationPath.Combine(Name, "blobServiceUri")] = "https://acct.blob.core.windows.net",
            [ConfigurationPath.Combine(Name, "queueServiceUri")] = "https://acct.queue.core.windows.net",
        }).Build();

        var connection = StorageConnectionReader.Read(configuration, Name);

        Assert.IsTrue(connection.UsesIdentity);
        Assert.IsNull(connection.ClientId);
    }

    [TestMethod]
    public void Read_ServiceUrisWithBlankClientId_HasNoClientId()
    {
        var connection = Read(new()
        {
            [$"{Name}:blobServiceUri"] = "https://acct.blob.core.windows.net",
            [$"{Name}:queueServiceUri"] = "https://acct.queue.core.windows.net",
            [$"{Name}:clientId"] = " ",
        });

        Assert.IsNull(connection.ClientId);
    }

    [TestMethod]
    public void Read_AccountNameAlone_DerivesPublicCloudUris()
    {
        var connection = Read(new() { [$"{Name}:accountName"] = "aimaasdata" });

        Assert.IsTrue(connection.UsesIdentity);
        Assert.AreEqual(new Uri("https://aimaasdata.blob.core.windows.net"), connection.BlobServiceUri);
        Assert.AreEqual(new Uri("https://aimaasdata.queue.core.windows.net"), connection.QueueServiceUri);
    }

    [TestMethod]
    public void Read_ServiceUriOverridesAccountName()
    {
        var connection = Read(new()
        {
            [$"{Name}:accountName"] = "aimaasdata",
            [$"{Name}:blobServiceUri"] = "https://custom.example.net",
        });

        Assert.AreEqual(new Uri("https://custom.example.net"), connection.BlobServiceUri);
        Assert.AreEqual(new Uri("https://aimaasdata.queue.core.windows.net"), connection.QueueServiceUri);
    }

    [TestMethod]
    public void Read_NothingConfigured_ThrowsNamingTheSettingsToSet()
    {
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => Read([]));

        Assert.Contains($"'{Name}'", ex.Message);
        Assert.Contains($"{Name}__blobServiceUri", ex.Message);
        Assert.Contains($"{Name}__queueServiceUri", ex.Message);
        Assert.Contains($"{Name}__accountName", ex.Message);
    }

    [TestMethod]
    public void Read_OnlyBlobServiceUri_ThrowsBecauseTheQueueIsUnreachable()
    {
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => Read(new() { [$"{Name}:blobServiceUri"] = "https://acct.blob.core.windows.net" }));

        Assert.Contains("queueServiceUri", ex.Message);
    }

    [TestMethod]
    public void Read_RelativeServiceUri_ThrowsNamingTheSetting()
    {
        var ex = Assert.ThrowsExactly<InvalidOperationException>(() => Read(new()
        {
            [$"{Name}:blobServiceUri"] = "acct.blob.core.windows.net",
            [$"{Name}:queueServiceUri"] = "https://acct.queue.core.windows.net",
        }));

        Assert.Contains($"{Name}:blobServiceUri", ex.Message);
        Assert.Contains("absolute URI", ex.Message);
    }

    private static StorageConnection Read(Dictionary<string, string?> settings) =>
        StorageConnectionReader.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Name);
}
