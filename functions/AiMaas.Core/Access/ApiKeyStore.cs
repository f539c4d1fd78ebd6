using System.Collections.Concurrent;
using AiMaas.Core.Storage;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Access;

/// <summary>
/// API keys as JSON blobs <c>{id}.json</c> in the keys container. Lookups are cached for at most
/// <see cref="AccessOptions.KeyCacheDuration"/>, misses included, so that a revocation or expiry takes effect on every
/// instance within that time while a busy key costs one storage read per period.
/// </summary>
public sealed class ApiKeyStore(BlobServiceClient blobs, IOptions<AccessOptions> options, TimeProvider time)
{
    private const int MaxCachedKeys = 10_000;
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.KeysContainer);
    private readonly ConcurrentDictionary<string, (ApiKeyRecord? Record, long ReadAt)> _cache = new(StringComparer.Ordinal);

    public BlobContainerClient Container => _container;

    public async Task<CreatedApiKey> CreateAsync(CreateKeyRequest request, string createdBy, CancellationToken cancellationToken)
    {
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var (id, key) = ApiKeySecrets.Generate();
        var record = new ApiKeyRecord
        {
            Id = id,
            Name = request.Name!,
            Scopes = request.Scopes!.Distinct(StringComparer.Ordinal).ToArray(),
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = request.ExpiresAt,
            CreatedBy = createdBy,
            Limits = request.Limits,
            Hash = ApiKeySecrets.Hash(key),
        };
        await BlobDocuments.TryWriteAsync(_container.GetBlobClient(BlobName(id)), record, ifMatch: null, cancellationToken).ConfigureAwait(false);
        return new CreatedApiKey(ApiKeyInfo.From(record, record.CreatedAt), key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var keys = new List<ApiKeyInfo>();
        try
        {
            await foreach (var item in _container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (await BlobDocuments.ReadAsync<ApiKeyRecord>(_container.GetBlobClient(item.Name), cancellationToken).ConfigureAwait(false) is { } found)
                {
                    keys.Add(ApiKeyInfo.From(found.Document, now));
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No key was ever created.
        }

        return keys.OrderBy(k => k.CreatedAt).ToArray();
    }

    /// <summary>Deletes the key; returns it, or null when there was none.</summary>
    public async Task<ApiKeyRecord?> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return null;
        }

        var blob = _container.GetBlobClient(BlobName(id));
        var found = await BlobDocuments.ReadAsync<ApiKeyRecord>(blob, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }

        await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _cache.TryRemove(id, out _);
        return found.Value.Document;
    }

    /// <summary>The unexpired key matching <paramref name="presented"/>, compared by hash in constant time; null otherwise.</summary>
    public async Task<ApiKeyRecord?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (ApiKeySecrets.IdOf(presented) is not { } id)
        {
            return null;
        }

        var record = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        return record is not null && ApiKeySecrets.Matches(presented, record.Hash) && !record.IsExpired(time.GetUtcNow())
            ? record
            : null;
    }

    private async Task<ApiKeyRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_cache.TryGetValue(id, out var cached) && time.GetElapsedTime(cached.ReadAt, now) < options.Value.KeyCacheDuration)
        {
            return cached.Record;
        }

        ApiKeyRecord? record;
        try
        {
            record = (await BlobDocuments.ReadAsync<ApiKeyRecord>(_container.GetBlobClient(BlobName(id)), cancellationToken).ConfigureAwait(false))?.Document;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            record = null;
        }

        if (_cache.Count >= MaxCachedKeys)
        {
            // Unknown ids sprayed at the API must not grow memory without bound.
            _cache.Clear();
        }

        _cache[id] = (record, now);
        return record;
    }

    private static bool IsId(string id) => id.Length == 12 && id.All(char.IsAsciiHexDigitLower);

    private static string BlobName(string id) => id + ".json";
}
