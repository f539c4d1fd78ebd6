using System.Buffers;

namespace AiMaas.Core.PredictionLog;

/// <summary>The id of a predict request: the caller's <c>x-request-id</c>, else its W3C <c>traceparent</c>, else a new one.</summary>
public static class RequestIds
{
    public const string Header = "x-request-id";
    public const string TraceParentHeader = "traceparent";

    private const int MaxLength = 128;

    // Ids are echoed in a header and written to logs: printable ASCII only, no spaces or quotes.
    private static readonly SearchValues<char> s_allowed = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/+=@");

    public static string Choose(string? requestId, string? traceParent) =>
        IsUsable(requestId) ? requestId! : IsUsable(traceParent) ? traceParent! : New();

    /// <summary>
    /// A new id in UUIDv7 layout (48-bit Unix milliseconds, version 7, variant, 74 random bits), as 32 hex digits. The random
    /// bits come from <see cref="Random.Shared"/>: an id needs to be unique and evenly spread for sampling, not secret, and
    /// <see cref="Guid.CreateVersion7()"/> costs a read of the kernel's random device on every request.
    /// </summary>
    public static string New() => New(DateTimeOffset.UtcNow);

    internal static string New(DateTimeOffset time)
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes[6..]);
        var milliseconds = time.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return Convert.ToHexStringLower(bytes);
    }

    private static bool IsUsable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && !value.AsSpan().ContainsAnyExcept(s_allowed);
}
