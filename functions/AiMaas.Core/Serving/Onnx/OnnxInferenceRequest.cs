namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// A validated <c>$inference_request</c> for an ONNX graph: one tensor per graph input (in the graph's order), the id to
/// echo, the outputs asked for (all when null) and those to answer as binary data. Dispose it to return the input arrays.
/// </summary>
public sealed record OnnxInferenceRequest(IReadOnlyList<OnnxTensor> Inputs, string? Id, IReadOnlyList<string>? Outputs, IReadOnlySet<string> BinaryOutputs) : IDisposable
{
    public void Dispose()
    {
        foreach (var input in Inputs)
        {
            input.Dispose();
        }
    }
}
