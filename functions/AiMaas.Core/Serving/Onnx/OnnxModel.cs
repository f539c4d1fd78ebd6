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
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            _runs++;
        }

        try
        {
            var names = outputs ?? Description.Outputs.Select(o => o.Name).ToArray();
            var values = new OrtValue[inputs.Count];
            try
            {
                for (var i = 0; i < inputs.Count; i++)
                {
                    values[i] = inputs[i].ToOrtValue();
                }

                using var runOptions = new RunOptions();
                using var results = _session.Run(runOptions, inputs.Select(t => t.Name).ToArray(), values, names);
                var tensors = new List<OnnxTensor>(names.Count);
                var index = 0;
                foreach (var result in results)
                {
                    if (OnnxTensor.FromOrtValue(names[index++], result) is { } tensor)
                    {
                        tensors.Add(tensor);
                    }
                }

                return tensors;
            }
            finally
            {
                foreach (var value in values)
                {
                    value?.Dispose();
                }
            }
        }
        finally
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
