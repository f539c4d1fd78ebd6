using Microsoft.ML.OnnxRuntime;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// The outputs of one <see cref="OnnxModel.Execute"/>, still in ONNX Runtime's memory, so that they can be written out
/// without a managed copy. Dispose it when done: that frees them and lets a retired session go.
/// </summary>
public sealed class OnnxRun(IReadOnlyList<string> names, IDisposableReadOnlyCollection<OrtValue> values, Action release) : IDisposable
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
            values.Dispose();
            release();
        }
    }
}
