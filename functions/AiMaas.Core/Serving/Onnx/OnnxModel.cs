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

    private readonly int _parallelThreshold;
    private readonly int _maxChunks;

    /// <param name="session">The version's session; this model disposes it.</param>
    /// <param name="description">The graph's inputs and outputs, as the manifest records them.</param>
    /// <param name="split">Whether the graph is row-independent (null: never split).</param>
    /// <param name="parallelThreshold">Rows from which a batch of a row-independent graph is split across the cores.</param>
    /// <param name="intraOpThreads">Threads the session gives one Run: the chunks share the cores with them.</param>
    public OnnxModel(InferenceSession session, OnnxDescription description, OnnxBatchSplit? split = null, int parallelThreshold = int.MaxValue, int intraOpThreads = 1)
    {
        _session = session;
        Description = description;
        Split = split ?? OnnxBatchSplit.Never("not analysed");
        _parallelThreshold = Math.Max(2, parallelThreshold);
        _maxChunks = Split.RowIndependent ? Math.Max(1, Environment.ProcessorCount / Math.Max(1, intraOpThreads)) : 1;
    }

    public OnnxDescription Description { get; }

    /// <summary>The load-time decision whether a large batch may be split into chunks run at once.</summary>
    public OnnxBatchSplit Split { get; }

    /// <summary>How many chunks a batch of <paramref name="rows"/> rows is run in (1: one Run), as the ML.NET scorer splits.</summary>
    public int ChunksFor(long rows) =>
        _maxChunks == 1 || rows < _parallelThreshold ? 1 : (int)Math.Min(_maxChunks, rows / (_parallelThreshold / 2));

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
    /// A large batch of a row-independent graph runs instead in chunks on several cores, into pooled output buffers.
    /// </summary>
    public OnnxRun Execute(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string> outputs)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            _runs++;
        }

        if (Chunks(inputs, outputs) is var chunks && chunks > 1)
        {
            try
            {
                return OnnxChunkedRun.Execute(_session, inputs, outputs, Description, chunks, EndRun);
            }
            catch
            {
                EndRun();
                throw;
            }
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
            return new OnnxRun(outputs, results, results, EndRun);
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

    private int Chunks(IReadOnlyList<OnnxTensor> inputs, IReadOnlyList<string> outputs)
    {
        if (_maxChunks == 1 || inputs.Count == 0 || inputs[0].Shape.Length == 0)
        {
            return 1;
        }

        // Every input must hold the same rows, and every output asked for must be one the analysis described.
        var rows = inputs[0].Shape[0];
        return inputs.All(i => i.Shape.Length > 0 && i.Shape[0] == rows) && outputs.All(o => Description.Outputs.Any(d => d.Name == o))
            ? ChunksFor(rows)
            : 1;
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
