namespace AiMaas.Core.Registry;

/// <summary>An input or output of an ONNX graph: its Open Inference datatype (FP32, FP64, INT64, INT32, BOOL, BYTES) and shape, -1 where dynamic.</summary>
public sealed record OnnxTensorInfo(string Name, string Datatype, IReadOnlyList<long> Shape);
