namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// What the batch analysis knows of one value of the graph: either it carries the batch on axis 0 with rows kept apart
/// (<see cref="Batched"/>, of rank <see cref="Rank"/>), or it is a constant with no batch axis (its rank and dimensions
/// when known, -1 and null otherwise).
/// </summary>
internal readonly record struct OnnxFlow(bool Batched, int Rank, long[]? Dims)
{
    public static OnnxFlow Rows(int rank) => new(true, rank, null);

    public static OnnxFlow Constant(long[]? dims) => new(false, dims?.Length ?? -1, dims);

    public static OnnxFlow Constant(int rank) => new(false, rank, null);
}
