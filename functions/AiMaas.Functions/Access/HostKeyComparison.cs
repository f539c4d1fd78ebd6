using System.Buffers;
using System.Text;

namespace AiMaas.Functions.Access;

/// <summary>
/// Compares a presented host key with the configured one in time that depends on neither the presented key's bytes nor
/// its length: every byte of the configured key is compared, against the presented bytes cycled. No hashing, which on
/// Linux is a round trip into OpenSSL on every request.
/// </summary>
public static class HostKeyComparison
{
    public static bool Matches(ReadOnlySpan<byte> expected, string presented)
    {
        var length = Encoding.UTF8.GetByteCount(presented);
        byte[]? rented = null;
        var bytes = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            return Matches(expected, bytes[..Encoding.UTF8.GetBytes(presented, bytes)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    public static bool Matches(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> presented)
    {
        var difference = expected.Length ^ presented.Length;
        var cycle = Math.Max(presented.Length, 1);
        for (var i = 0; i < expected.Length; i++)
        {
            difference |= expected[i] ^ (presented.Length == 0 ? 0 : presented[i % cycle]);
        }

        return difference == 0;
    }
}
