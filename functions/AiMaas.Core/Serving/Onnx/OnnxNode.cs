namespace AiMaas.Core.Serving.Onnx;

/// <summary>One node of an ONNX graph as <see cref="OnnxGraphNodes"/> reads it: an omitted optional input is "".</summary>
public sealed record OnnxNode(string OpType, string Domain, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyDictionary<string, OnnxAttributeValue> Attributes)
{
    public long? Number(string name) => Attributes.TryGetValue(name, out var a) ? a.Number : null;

    public IReadOnlyList<long>? Numbers(string name) => Attributes.TryGetValue(name, out var a) ? a.Numbers : null;
}
