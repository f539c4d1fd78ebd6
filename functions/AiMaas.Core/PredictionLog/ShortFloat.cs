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
    private static readonly long[] s_integerPowers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000];

    public static bool TryWrite(float value, Span<byte> destination, out int written)
    {
        written = 0;
        var magnitude = MathF.Abs(value);
        if (!(magnitude >= Min && magnitude < Max) || destination.Length < MaxLength)
        {
            return false;
        }

        // Half the gap to the next float above, and below (half as wide when the value is a power of two). Every value in
        // range is a normal float, so its exponent field gives the gap.
        var bits = BitConverter.SingleToInt32Bits(magnitude);
        var halfGapUp = Math.ScaleB(1.0, ((bits >> 23) & 0xFF) - 127 - 24);
        var halfGapDown = (bits & 0x7FFFFF) == 0 ? halfGapUp / 2 : halfGapUp;
        double exact = magnitude;
        for (var k = 0; k <= MaxFractionDigits; k++)
        {
            var scaled = exact * s_powers[k];
            var candidate = Math.Round(scaled, MidpointRounding.ToEven);
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
                written = Write((long)candidate, k, value < 0, destination);
                return true;
            }
        }

        return false;
    }

    private static int Write(long digits, int fractionDigits, bool negative, Span<byte> destination)
    {
        var at = 0;
        if (negative)
        {
            destination[at++] = (byte)'-';
        }

        var power = s_integerPowers[fractionDigits];
        at += WriteDigits(digits / power, destination[at..], 0);
        if (fractionDigits > 0)
        {
            destination[at++] = (byte)'.';
            at += WriteDigits(digits % power, destination[at..], fractionDigits);
        }

        return at;
    }

    /// <summary>Writes <paramref name="number"/> in decimal, left-padded with zeros to <paramref name="width"/> digits.</summary>
    private static int WriteDigits(long number, Span<byte> destination, int width)
    {
        var count = 1;
        for (var rest = number / 10; rest > 0; rest /= 10)
        {
            count++;
        }

        count = Math.Max(count, width);
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (number % 10));
            number /= 10;
        }

        return count;
    }
}
