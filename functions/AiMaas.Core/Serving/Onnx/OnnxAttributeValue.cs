namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// The parts of a node attribute the batch analysis reads: an integer, integers, the dimensions of a tensor value, and
/// whether it holds a subgraph (If, Loop, Scan) or refers to a function's attribute.
/// </summary>
public sealed record OnnxAttributeValue(long? Number, IReadOnlyList<long>? Numbers, IReadOnlyList<long>? TensorDims, bool HasGraph, bool IsReference);
