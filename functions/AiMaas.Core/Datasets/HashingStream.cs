using System.Security.Cryptography;

namespace AiMaas.Core.Datasets;

/// <summary>
/// Reads through to <paramref name="inner"/>, hashing and counting the bytes, and ends (as if at the end of the
/// stream) once more than <paramref name="limit"/> bytes have come, with <see cref="Exceeded"/> set: a body is
/// measured while it streams, never buffered to be measured.
/// </summary>
internal sealed class HashingStream(Stream inner, IncrementalHash hash, long limit) : Stream
{
    public bool Exceeded { get; private set; }

    public override long Length => Position;

    public override long Position { get; set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        return Account(buffer[..read]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Account(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Account(ReadOnlySpan<byte> read)
    {
        if (Exceeded)
        {
            return 0;
        }

        Position += read.Length;
        if (Position > limit)
        {
            Exceeded = true;
            return 0;
        }

        hash.AppendData(read);
        return read.Length;
    }
}
