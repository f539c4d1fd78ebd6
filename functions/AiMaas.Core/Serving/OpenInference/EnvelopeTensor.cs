namespace AiMaas.Core.Serving.OpenInference;

/// <summary>
/// One input tensor of an <see cref="InferenceEnvelope"/>. <see cref="IsWellFormed"/> is false when a required field is
/// missing or of the wrong JSON type. <see cref="Shape"/> holds -1 for a dimension that is not a non-negative integer, and
/// <see cref="ShapeText"/> the dimensions as sent. Data is either <see cref="Json"/> (the <c>data</c> array's bytes, flat
/// or nested) or, with the binary extension, <see cref="Binary"/> (<c>binary_data_size</c> raw little-endian bytes).
/// </summary>
public sealed record EnvelopeTensor(
    bool IsWellFormed,
    string Name,
    string Datatype,
    long[] Shape,
    string ShapeText,
    ReadOnlyMemory<byte> Json,
    ReadOnlyMemory<byte> Binary,
    bool IsBinary)
{
    /// <summary>
    /// A large FP32 tensor's values already parsed from <see cref="Json"/> (in the envelope's one pass) into an array rented
    /// from the pool, or null; the envelope returns it when disposed.
    /// </summary>
    public float[]? Fp32 { get; init; }

    public static EnvelopeTensor Malformed { get; } = new(false, string.Empty, string.Empty, [], string.Empty, default, default, false);
}
