using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace AiMaas.Core.Storage;

/// <summary>Creates storage clients for a <see cref="StorageConnection"/>: a connection string where one is given, an Entra credential otherwise.</summary>
public static class StorageClientFactory
{
    public static BlobServiceClient CreateBlobServiceClient(StorageConnection connection, BlobClientOptions? options = null) =>
        connection.ConnectionString is { } connectionString
            ? new BlobServiceClient(connectionString, options)
            : new BlobServiceClient(connection.BlobServiceUri, CreateCredential(connection), options);

    public static QueueServiceClient CreateQueueServiceClient(StorageConnection connection, QueueClientOptions? options = null) =>
        connection.ConnectionString is { } connectionString
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(connection.QueueServiceUri, CreateCredential(connection), options);

    /// <summary>The user-assigned identity when a client id is configured (Azure), otherwise whatever <see cref="DefaultAzureCredential"/> finds.</summary>
    public static TokenCredential CreateCredential(StorageConnection connection) =>
        connection.ClientId is { } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
}
