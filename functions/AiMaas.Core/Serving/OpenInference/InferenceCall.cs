namespace AiMaas.Core.Serving.OpenInference;

/// <summary>
/// An infer request on its way through the <see cref="PredictPipeline"/>: the body's bytes (pooled), its envelope (whose
/// tensor data are slices of those bytes) and, once the rows of a tabular model are read, the request they came from.
/// </summary>
public sealed class InferenceCall(RequestBody body, InferenceEnvelope envelope) : IDisposable
{
    public InferenceEnvelope Envelope { get; } = envelope;

    internal InferenceRequest? Request { get; set; }

    public void Dispose()
    {
        Envelope.Dispose();
        body.Dispose();
    }
}
