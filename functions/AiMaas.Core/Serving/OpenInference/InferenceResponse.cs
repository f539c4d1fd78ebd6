using System.Text.Json.Serialization;

namespace AiMaas.Core.Serving.OpenInference;

/// <summary>The <c>$inference_response</c> of the Open Inference Protocol.</summary>
public sealed record InferenceResponse(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("outputs")] IReadOnlyList<InferenceTensor> Outputs);
