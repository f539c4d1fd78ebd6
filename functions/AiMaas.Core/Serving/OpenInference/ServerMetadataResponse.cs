namespace AiMaas.Core.Serving.OpenInference;

/// <summary>The <c>$metadata_server_response</c>.</summary>
public sealed record ServerMetadataResponse(string Name, string Version, IReadOnlyList<string> Extensions);
