namespace AiMaas.Core.Serving.OpenInference;

/// <summary>
/// An Open Inference <c>$inference_request</c> read without knowing the model: the id to echo, each input tensor's header
/// with its data left unparsed (JSON or binary bytes), the outputs asked for, and whether outputs are wanted as binary data.
/// <see cref="Inputs"/> is null when the body has no <c>inputs</c> array (the model's reader says what it expects).
/// </summary>
public sealed record InferenceEnvelope(
    string? Id,
    IReadOnlyList<EnvelopeTensor>? Inputs,
    IReadOnlyList<RequestedOutput>? Outputs,
    bool BinaryOutputs) : IDisposable
{
    /// <summary>Whether <paramref name="output"/> is answered as binary data (its own flag, else the request's <c>binary_data_output</c>).</summary>
    public bool IsBinary(string output) =>
        Outputs?.FirstOrDefault(o => o.Name == output)?.Binary ?? BinaryOutputs;

    /// <summary>Returns the arrays of values parsed in the envelope's pass to the pool.</summary>
    public void Dispose()
    {
        foreach (var input in Inputs ?? [])
        {
            Fp32Values.Return(input.Fp32);
        }
    }
}
