using System.Buffers;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// The serialized log lines of one partition waiting for the next flush, in one buffer that is reused from flush to flush
/// (no array per record, no copy into the block), with the end of each line so that appends can be cut between records.
/// </summary>
public sealed class LogLines(int capacity = 64 * 1024) : IBufferWriter<byte>
{
    private readonly ArrayBufferWriter<byte> _buffer = new(Math.Max(capacity, 256));
    private readonly List<int> _ends = [];

    /// <summary>Lines written since the last <see cref="Clear"/>.</summary>
    public int Count => _ends.Count;

    /// <summary>Every line, each with its newline, in the order written.</summary>
    public ReadOnlyMemory<byte> Bytes => _buffer.WrittenMemory;

    /// <summary>The offset just past each line's newline.</summary>
    public IReadOnlyList<int> Ends => _ends;

    /// <summary>Closes the line written since the previous one with its newline.</summary>
    public void EndLine()
    {
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        _ends.Add(_buffer.WrittenCount);
    }

    /// <summary>Copies every line of <paramref name="other"/> after these.</summary>
    public void AppendLines(LogLines other)
    {
        var offset = _buffer.WrittenCount;
        _buffer.Write(other.Bytes.Span);
        foreach (var end in other._ends)
        {
            _ends.Add(offset + end);
        }
    }

    /// <summary>Forgets the lines and keeps the buffer for the next ones (without clearing its bytes: they are overwritten).</summary>
    public void Clear()
    {
        _buffer.ResetWrittenCount();
        _ends.Clear();
    }

    public void Advance(int count) => _buffer.Advance(count);

    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.GetSpan(sizeHint);
}
