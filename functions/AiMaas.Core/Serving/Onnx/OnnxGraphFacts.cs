namespace AiMaas.Core.Serving.Onnx;

/// <summary>What the ONNX protobuf itself says, read before ONNX Runtime is given the bytes.</summary>
public sealed record OnnxGraphFacts(
    long IrVersion,
    string Producer,
    string ProducerVersion,
    IReadOnlyDictionary<string, long> Opsets,
    IReadOnlyList<string> NodeDomains,
    IReadOnlyList<string> ExternalTensors);
