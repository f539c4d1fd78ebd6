namespace AiMaas.Core.Registry;

/// <summary>Where the serialized model lives and the hash it must still have when it is loaded.</summary>
public sealed record ArtifactReference(string Path, string Sha256, long SizeBytes);
