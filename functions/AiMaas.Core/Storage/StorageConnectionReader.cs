using Microsoft.Extensions.Configuration;

namespace AiMaas.Core.Storage;

/// <summary>Reads a storage connection the way the Functions host does: a plain value is a connection string, a section holds service URIs.</summary>
public static class StorageConnectionReader
{
    public static StorageConnection Read(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection(name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new StorageConnection(section.Value, null, null, null);
        }

        var accountName = section["accountName"];
        var blobUri = ReadUri(section, "blobServiceUri") ?? AccountUri(accountName, "blob");
        var queueUri = ReadUri(section, "queueServiceUri") ?? AccountUri(accountName, "queue");
        if (blobUri is null || queueUri is null)
        {
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not configured: set '{name}' to a connection string, " +
                $"or '{name}__blobServiceUri' and '{name}__queueServiceUri' (or '{name}__accountName') for an identity-based connection.");
        }

        var clientId = section["clientId"];
        return new StorageConnection(null, blobUri, queueUri, string.IsNullOrWhiteSpace(clientId) ? null : clientId);
    }

    private static Uri? ReadUri(IConfigurationSection section, string key)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"Setting '{section.Path}:{key}' must be an absolute URI; got '{value}'.");
    }

    private static Uri? AccountUri(string? accountName, string service) =>
        string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");
}
