namespace AiMaas.Core.Serving.OpenInference;

/// <summary>A tensor in model metadata (<c>$metadata_tensor</c>); -1 marks a variable dimension (the batch).</summary>
public sealed record TensorMetadata(string Name, string Datatype, IReadOnlyList<long> Shape);
