namespace AiMaas.Functions.OpenApi;

/// <summary>The alias body as documentation: the version the alias should point at.</summary>
public sealed record AliasRequestBody(int Version);
