using AiMaas.Core.Registry;
using Microsoft.ML.OnnxRuntime;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// One loaded ONNX version: its <see cref="InferenceSession"/> (whose <c>Run</c> is safe from many threads at once) and
/// the description of its graph. The cache retires it on eviction; the session is disposed once no request still runs on it.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly Lock _lock = new();
    private int _runs;
    private bool _retired;

    public OnnxModel(InferenceSession session, OnnxDescription description)
    {
        _session = session;
        Description = description;
    }

    public OnnxDescription Description { get; }

    /// <summary>Whether the session has been released (after eviction, once the last run ended).</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Runs the graph and copies the requested outputs (all when null) out of native memory.</summary>
    public IReadOnlyList<OnnxTensor> Run(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string>? outputs = null)
    {
        using var run = Execute(inputs, outputs ?? Description.Outputs.Select(o => o.Name).ToArray());
        var tensors = new List<OnnxTensor>(run.Names.Count);
        for (var i = 0; i < run.Names.Count; i++)
        {
            if (OnnxTensor.FromOrtValue(run.Names[i], run.Values[i]) is { } tensor)
            {
                tensors.Add(tensor);
            }
        }

        return tensors;
    }

    /// <summary>
    /// One <c>Run</c> of the graph over the inputs as given (no copy: the input arrays are pinned for the call); the outputs
    /// stay in ONNX Runtime's memory until the returned run is disposed, and the session is not released before that.
    /// </summary>
    public OnnxRun Execute(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string> outputs)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            _runs++;
        }

        var values = new OrtValue[inputs.Count];
        var names = new string[inputs.Count];
        try
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                values[i] = inputs[i].ToOrtValue();
                names[i] = inputs[i].Name;
            }

            using var runOptions = new RunOptions();
            var results = _session.Run(runOptions, names, values, outputs);
            return new OnnxRun(outputs, results, EndRun);
        }
        catch
        {
            EndRun();
            throw;
        }
        finally
        {
            // An input OrtValue only pins its managed array for the call; the outputs do not refer to it.
            foreach (var value in values)
            {
                value?.Dispose();
            }
        }
    }

    private void EndRun()
    {
        lock (_lock)
        {
            _runs--;
            if (_retired && _runs == 0)
            {
                Release();
            }
        }
    }

    /// <summary>Called when the cache drops this version: the session goes as soon as the runs in progress end.</summary>
    public void Retire()
    {
        lock (_lock)
        {
            _retired = true;
            if (_runs == 0)
            {
                Release();
            }
        }
    }

    public void Dispose() => Retire();

    private void Release()
    {
        if (!IsDisposed)
        {
            IsDisposed = true;
            _session.Dispose();
        }
    }
}
