using AiMaas.Core.Storage;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace AiMaas.Core.Tests.Storage;

[TestClass]
public sealed class StorageClientFactoryTests
{
    private const string Name = "AzureWebJobsStorage";

    [TestMethod]
    public void CreateClients_DevelopmentStorage_PointAtAzurite()
    {
        var connection = Read(new() { [Name] = "UseDevelopmentStorage=true" });

        var blobs = StorageClientFactory.CreateBlobServiceClient(connection);
        var queues = StorageClientFactory.CreateQueueServiceClient(connection);

        Assert.AreEqual(new Uri("http://127.0.0.1:10000/devstoreaccount1"), blobs.Uri);
        Assert.AreEqual(new Uri("http://127.0.0.1:10001/devstoreaccount1"), queues.Uri);
        Assert.AreEqual("devstoreaccount1", blobs.AccountName);
    }

    [TestMethod]
    public void CreateClients_ServiceUris_PointAtTheGivenUris()
    {
        var connection = Read(new()
        {
            [$"{Name}:blobServiceUri"] = "https://acct.blob.core.windows.net",
            [$"{Name}:queueServiceUri"] = "https://acct.queue.core.windows.net",
            [$"{Name}:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        var blobs = StorageClientFactory.CreateBlobServiceClient(connection);
        var queues = StorageClientFactory.CreateQueueServiceClient(connection);

        Assert.AreEqual(new Uri("https://acct.blob.core.windows.net"), blobs.Uri);
        Assert.AreEqual(new Uri("https://acct.queue.core.windows.net"), queues.Uri);
    }

    [TestMethod]
    public void CreateClients_AccountName_PointAtTheAccountsPublicEndpoints()
    {
        var connection = Read(new() { [$"{Name}:accountName"] = "aimaasdata" });

        Assert.AreEqual(new Uri("https://aimaasdata.blob.core.windows.net"), StorageClientFactory.CreateBlobServiceClient(connection).Uri);
        Assert.AreEqual(new Uri("https://aimaasdata.queue.core.windows.net"), StorageClientFactory.CreateQueueServiceClient(connection).Uri);
    }

    [TestMethod]
    public void CreateCredential_ClientIdConfigured_IsUserAssignedManagedIdentity()
    {
        var connection = Read(new()
        {
            [$"{Name}:blobServiceUri"] = "https://acct.blob.core.windows.net",
            [$"{Name}:queueServiceUri"] = "https://acct.queue.core.windows.net",
            [$"{Name}:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.IsInstanceOfType<ManagedIdentityCredential>(StorageClientFactory.CreateCredential(connection));
    }

    [TestMethod]
    public void CreateCredential_NoClientId_IsDefaultAzureCredential()
    {
        var connection = Read(new()
        {
            [$"{Name}:blobServiceUri"] = "https://acct.blob.core.windows.net",
            [$"{Name}:queueServiceUri"] = "https://acct.queue.core.windows.net",
        });

        Assert.IsInstanceOfType<DefaultAzureCredential>(StorageClientFactory.CreateCredential(connection));
    }

    private static StorageConnection Read(Dictionary<string, string?> settings) =>
        StorageConnectionReader.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Name);
}
