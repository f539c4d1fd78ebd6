using Microsoft.ML.OnnxRuntime;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// The outputs of one <see cref="OnnxModel.Execute"/>, still in ONNX Runtime's memory, so that they can be written out
/// without a managed copy. Dispose it when done: that frees them and lets a retired session go.
/// </summary>
/// <param name="names">The output names.</param>
/// <param name="values">The outputs, in the order of <paramref name="names"/>.</param>
/// <param name="owner">What holds their memory (ONNX Runtime's output collection, or the pooled buffers of a chunked run).</param>
/// <param name="release">Ends the run on the model.</param>
public sealed class OnnxRun(IReadOnlyList<string> names, IReadOnlyList<OrtValue> values, IDisposable owner, Action release) : IDisposable
{
    private bool _disposed;

    public IReadOnlyList<string> Names { get; } = names;

    /// <summary>The output values, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<OrtValue> Values => values;

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            owner.Dispose();
            release();
        }
    }
}
