namespace AiMaas.Functions.Http;

/// <summary>The error body of the Open Inference Protocol and KServe V1.</summary>
public sealed record ProtocolError(string Error);
