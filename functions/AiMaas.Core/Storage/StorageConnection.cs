namespace AiMaas.Core.Storage;

/// <summary>
/// How to reach a storage account: a connection string (Azurite, local runs) or service URIs with an Entra identity (Azure).
/// Mirrors the Functions host's identity-based connection settings (<c>__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__clientId</c>).
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? BlobServiceUri, Uri? QueueServiceUri, string? ClientId)
{
    public bool UsesIdentity => ConnectionString is null;
}
