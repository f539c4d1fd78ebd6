using System.Text.Json.Serialization;

namespace AiMaas.Core.Explanations;

/// <summary>The V2 explain extension's answer: the inference response's naming, one explanation per row of the input tensors.</summary>
public sealed record V2ExplainResponse(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    string? Id,
    string Output,
    IReadOnlyList<InstanceExplanation> Explanations);
