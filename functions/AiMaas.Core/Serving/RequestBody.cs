using System.Buffers;
using AiMaas.Core.Data;

namespace AiMaas.Core.Serving;

/// <summary>A request body read whole into a pooled buffer, for readers that parse the bytes themselves. Dispose it to return the buffer.</summary>
public sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    /// <summary>Reads the stream to its end; a <see cref="ProblemException"/> (too large) past <paramref name="limit"/> bytes.</summary>
    public static async Task<RequestBody> ReadAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        var stream = new LengthLimitedStream(body, limit);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return new RequestBody(buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
