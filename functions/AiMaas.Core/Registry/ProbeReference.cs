namespace AiMaas.Core.Registry;

/// <summary>Where a version's probe rows are stored (<c>probe.json</c> beside <c>model.zip</c>), their SHA-256 and count.</summary>
public sealed record ProbeReference(string Path, string Sha256, int Rows);
