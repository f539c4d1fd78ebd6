namespace AiMaas.Core.Serving.Onnx;

/// <summary>A validated <c>$inference_request</c> for an ONNX graph: one tensor per graph input, the id to echo, the outputs asked for (all when null).</summary>
public sealed record OnnxInferenceRequest(IReadOnlyList<OnnxTensor> Inputs, string? Id, IReadOnlyList<string>? Outputs);
