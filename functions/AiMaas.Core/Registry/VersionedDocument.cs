namespace AiMaas.Core.Registry;

/// <summary>A model document with the ETag a client sends back in If-Match to update it safely.</summary>
public sealed record VersionedDocument(ModelDocument Document, string ETag);
