namespace AiMaas.Core.Access;

/// <summary>A stored API key: everything but the secret, of which only the SHA-256 hash is kept.</summary>
public sealed record ApiKeyRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public string? CreatedBy { get; init; }

    public KeyLimits? Limits { get; init; }

    /// <summary>Lower-case hex SHA-256 of the whole key; never returned by the API.</summary>
    public string Hash { get; init; } = "";

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && now >= expiry;
}
