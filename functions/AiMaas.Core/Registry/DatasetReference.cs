namespace AiMaas.Core.Registry;

/// <summary>The data a version was trained on; <see cref="Name"/> is null for an inline CSV.</summary>
public sealed record DatasetReference(string? Name, string Sha256, long Rows);
