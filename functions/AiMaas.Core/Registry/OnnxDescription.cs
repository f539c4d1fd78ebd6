namespace AiMaas.Core.Registry;

/// <summary>
/// What the manifest of an ONNX version records about its graph, and how named features map onto it.
/// <see cref="FeatureInput"/> is the input tensor the manifest's features fill in order (null: tensors only, through V2);
/// <see cref="ScoreOutput"/> is the output read as score or probabilities for the AiMaas API and KServe V1.
/// </summary>
public sealed record OnnxDescription(
    long IrVersion,
    IReadOnlyDictionary<string, long> Opsets,
    string Producer,
    string ProducerVersion,
    IReadOnlyList<OnnxTensorInfo> Inputs,
    IReadOnlyList<OnnxTensorInfo> Outputs,
    string? FeatureInput,
    string? ScoreOutput)
{
    /// <summary>The default-domain operator set version the graph was exported with.</summary>
    public long Opset => Opsets.TryGetValue("", out var version) || Opsets.TryGetValue("ai.onnx", out version) ? version : 0;
}
