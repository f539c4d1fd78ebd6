using System.Buffers;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// The serialized log lines of one partition waiting for the next flush: written straight into one buffer that is reused
/// from flush to flush (no array per record, no copy into the block), with the end of each line so that appends can be cut
/// between records.
/// </summary>
public sealed class LogLines : IBufferWriter<byte>
{
    private readonly List<int> _ends = [];
    private byte[] _bytes;
    private int _length;

    public LogLines(int capacity = 64 * 1024) => _bytes = new byte[Math.Max(capacity, 256)];

    /// <summary>Lines written since the last <see cref="Clear"/>.</summary>
    public int Count => _ends.Count;

    /// <summary>Every line, each with its newline, in the order written.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes.AsMemory(0, _length);

    /// <summary>The offset just past each line's newline.</summary>
    public IReadOnlyList<int> Ends => _ends;

    /// <summary>Closes the line written since the previous one with its newline.</summary>
    public void EndLine()
    {
        GetSpan(1)[0] = (byte)'\n';
        _length++;
        _ends.Add(_length);
    }

    /// <summary>Forgets the lines and keeps the buffer for the next ones.</summary>
    public void Clear()
    {
        _length = 0;
        _ends.Clear();
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _bytes.Length - _length);
        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsSpan(_length);
    }

    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_bytes.Length - _length >= needed)
        {
            return;
        }

        var grown = new byte[Math.Max(_bytes.Length * 2, _length + needed)];
        _bytes.AsSpan(0, _length).CopyTo(grown);
        _bytes = grown;
    }
}
