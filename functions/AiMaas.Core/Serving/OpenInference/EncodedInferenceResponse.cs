namespace AiMaas.Core.Serving.OpenInference;

/// <summary>
/// An <c>$inference_response</c> already written as the bytes of the HTTP body, in a pooled buffer: JSON, or with the binary
/// tensor data extension a JSON header of <see cref="HeaderLength"/> bytes followed by the binary outputs' raw bytes
/// (send <see cref="HeaderLength"/> as <c>Inference-Header-Content-Length</c>). Dispose it once the body is sent.
/// </summary>
public sealed class EncodedInferenceResponse(PooledBufferWriter buffer, int? headerLength) : IDisposable
{
    public const string JsonContentType = "application/json";

    public const string BinaryContentType = "application/octet-stream";

    public ReadOnlyMemory<byte> Body => buffer.WrittenMemory;

    /// <summary>The JSON header's length when binary data follows it; null for an all-JSON body.</summary>
    public int? HeaderLength { get; } = headerLength;

    public string ContentType => HeaderLength is null ? JsonContentType : BinaryContentType;

    public void Dispose() => buffer.Dispose();
}
