namespace AiMaas.Core.Access;

/// <summary>The body of <c>POST /api/keys</c>.</summary>
public sealed record CreateKeyRequest
{
    public string? Name { get; init; }

    public IReadOnlyList<string>? Scopes { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public KeyLimits? Limits { get; init; }
}
