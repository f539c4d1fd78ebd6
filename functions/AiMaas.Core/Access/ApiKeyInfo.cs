namespace AiMaas.Core.Access;

/// <summary>What the API shows of a key: never its secret or hash.</summary>
public sealed record ApiKeyInfo(
    string Id,
    string Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    string? CreatedBy,
    KeyLimits? Limits,
    bool Expired)
{
    public static ApiKeyInfo From(ApiKeyRecord record, DateTimeOffset now) =>
        new(record.Id, record.Name, record.Scopes, record.CreatedAt, record.ExpiresAt, record.CreatedBy, record.Limits, record.IsExpired(now));
}
