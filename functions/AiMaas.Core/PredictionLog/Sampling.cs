using System.Text;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Deterministic sampling on the request id: FNV-1a (64-bit) of its UTF-8 bytes, mixed by MurmurHash3's 64-bit finalizer,
/// as a fraction of 2^64, is compared with the rate. Any component that samples the same way keeps the same requests, so a sampled request is sampled everywhere.
/// </summary>
public static class Sampling
{
    public static bool IsSampled(string requestId, double rate) =>
        rate >= 1.0 || (rate > 0.0 && Fraction(requestId) < rate);

    public static double Fraction(string requestId)
    {
        const ulong offset = 14695981039346656037;
        const ulong prime = 1099511628211;
        Span<byte> buffer = stackalloc byte[512];
        var bytes = Encoding.UTF8.GetByteCount(requestId) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(requestId, buffer)]
            : Encoding.UTF8.GetBytes(requestId);
        var hash = offset;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * prime;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccd;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53;
        hash ^= hash >> 33;

        // Top 53 bits, exactly representable as a double in [0, 1).
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
