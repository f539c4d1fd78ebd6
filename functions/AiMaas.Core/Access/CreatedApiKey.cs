namespace AiMaas.Core.Access;

/// <summary>The answer to creating a key: the only time the secret is shown.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Key);
