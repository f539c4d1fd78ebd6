namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// Whether a graph is row-independent along the batch axis (axis 0 of every input and output), so that a large batch
/// may be run in chunks on several cores with the same answer as one <c>Run</c>; decided once at load, from the graph.
/// </summary>
/// <param name="RowIndependent">True only when every operator is on the whitelist with attributes that keep rows apart.</param>
/// <param name="Reason">Why (the first operator or tensor that is not provably row-wise, or the operators that are).</param>
public sealed record OnnxBatchSplit(bool RowIndependent, string Reason)
{
    public static OnnxBatchSplit Never(string reason) => new(false, reason);
}
