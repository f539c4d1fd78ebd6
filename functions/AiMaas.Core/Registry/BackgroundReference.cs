namespace AiMaas.Core.Registry;

/// <summary>Where a version's explanation background is stored (<c>explanations.json</c> beside <c>model.zip</c>), its SHA-256 and how many rows it holds.</summary>
public sealed record BackgroundReference(string Path, string Sha256, int Rows);
