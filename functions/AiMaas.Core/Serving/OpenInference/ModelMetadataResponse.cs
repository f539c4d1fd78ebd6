namespace AiMaas.Core.Serving.OpenInference;

/// <summary>
/// The <c>$metadata_model_response</c>: inputs from the manifest's features, outputs per task. <see cref="Parameters"/>
/// (an AiMaas extension in the protocol's <c>$parameters</c> form) names the task, the label and, for multiclass, the class order.
/// </summary>
public sealed record ModelMetadataResponse(
    string Name,
    IReadOnlyList<string> Versions,
    string Platform,
    IReadOnlyList<TensorMetadata> Inputs,
    IReadOnlyList<TensorMetadata> Outputs,
    IReadOnlyDictionary<string, object> Parameters);
