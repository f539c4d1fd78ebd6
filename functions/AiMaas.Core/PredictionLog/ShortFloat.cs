namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Writes a float as the shortest decimal that reads back as the same float, the text <see cref="float.TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>
/// (and so <c>Utf8JsonWriter</c>) writes, for the values a prediction log mostly holds: numbers from 1e-4 to 1e6 with few
/// digits. The general algorithm costs ~100 ns a number, most of a log record; this tries the decimals with 0, 1, 2, ...
/// fraction digits in turn and stops at the first that rounds back to the value, which is the shortest one.
/// Exact by construction: for |v| in range and k ≤ 12, |v|·10^k, the candidate's distance to it and half the gap to the
/// neighbouring floats scaled by 10^k are all exact in double precision (24-bit significand times 5^k, at most 52 bits).
/// A value outside the range, or a boundary case where the general algorithm's choice is not obvious, returns false: the caller
/// formats it the general way. Checked against <c>float.TryFormat</c> for every float in the range (tests sample it).
/// </summary>
internal static class ShortFloat
{
    public const float Min = 1e-4f;
    public const float Max = 1e6f;

    /// <summary>The longest text written: a sign, 7 integer digits, a point and 12 fraction digits.</summary>
    public const int MaxLength = 21;

    private const int MaxFractionDigits = 12;

    private static readonly double[] s_powers = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

    public static bool TryWrite(float value, Span<byte> destination, out int written)
    {
        written = 0;
        var magnitude = MathF.Abs(value);
        if (!(magnitude >= Min && magnitude < Max) || destination.Length < MaxLength)
        {
            return false;
        }

        // Half the gap to the next float above, and below (half as wide when the value is a power of two). Every value in
        // range is a normal float, so its exponent field gives the gap: 2^(exponent - 24), built as a double's bits.
        var bits = BitConverter.SingleToInt32Bits(magnitude);
        var halfGapUp = BitConverter.Int64BitsToDouble((long)(((bits >> 23) & 0xFF) - 127 - 24 + 1023) << 52);
        var halfGapDown = (bits & 0x7FFFFF) == 0 ? halfGapUp / 2 : halfGapUp;
        double exact = magnitude;
        for (var k = 0; k <= MaxFractionDigits; k++)
        {
            var scaled = exact * s_powers[k];
            var candidate = Math.Round(scaled);
            var distance = candidate - scaled;
            var bound = (distance > 0 ? halfGapUp : halfGapDown) * s_powers[k];
            var off = Math.Abs(distance);
            if (off == bound || (off == 0.5 && off < bound))
            {
                // A candidate on the rounding boundary, or two that read back equally near: leave the choice to the
                // general algorithm.
                return false;
            }

            if (off < bound)
            {
                // The first candidate that reads back has at most 9 digits (every float has such a decimal); the check
                // keeps the cast safe whatever happens.
                if (candidate >= 1e9)
                {
                    return false;
                }

                written = Write((uint)candidate, k, value < 0, destination);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes digits·10^-fractionDigits: the digits right to left into a scratch buffer (division by the constant 10 is a
    /// multiplication), zero-padded so there is one before the point, then sign, integer part, point and fraction.
    /// </summary>
    private static int Write(uint digits, int fractionDigits, bool negative, Span<byte> destination)
    {
        Span<byte> scratch = stackalloc byte[16];
        var count = 0;
        do
        {
            var rest = digits / 10;
            scratch[15 - count++] = (byte)('0' + (digits - (rest * 10)));
            digits = rest;
        }
        while (digits != 0);

        while (count <= fractionDigits)
        {
            scratch[15 - count++] = (byte)'0';
        }

        var at = 0;
        if (negative)
        {
            destination[at++] = (byte)'-';
        }

        var integerDigits = count - fractionDigits;
        scratch.Slice(16 - count, integerDigits).CopyTo(destination[at..]);
        at += integerDigits;
        if (fractionDigits > 0)
        {
            destination[at++] = (byte)'.';
            scratch[(16 - fractionDigits)..].CopyTo(destination[at..]);
            at += fractionDigits;
        }

        return at;
    }
}
