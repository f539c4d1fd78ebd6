namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// The common short decimals (<c>-1.2345</c>, <c>0.5</c>, <c>3e-2</c>) parsed to <see cref="float"/> without the general
/// parser: a significand of at most 2^24 and a power of ten of at most 10^10 are both exact in single precision, so one
/// IEEE multiplication or division gives the correctly rounded result (Clinger's fast path). Anything else answers false
/// and is left to <see cref="System.Text.Json.Utf8JsonReader.TryGetSingle"/>.
/// </summary>
internal static class FloatText
{
    private static readonly float[] Powers = [1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f];

    public static bool TryParse(ReadOnlySpan<byte> text, out float value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == '-')
        {
            negative = true;
            i = 1;
        }

        ulong significand = 0;
        var digits = 0;
        var integerDigits = AccumulateDigits(text, ref i, ref significand, ref digits);
        var fractionDigits = 0;
        if (integerDigits >= 0 && i < text.Length && text[i] == '.')
        {
            i++;
            fractionDigits = AccumulateDigits(text, ref i, ref significand, ref digits);
        }

        if (integerDigits < 0 || fractionDigits < 0)
        {
            return false;
        }

        var sawDigit = integerDigits + fractionDigits > 0;
        var exponent = -fractionDigits;

        if (i < text.Length && (text[i] | 0x20) == 'e')
        {
            i++;
            var negativeExponent = false;
            if (i < text.Length && text[i] is (byte)'-' or (byte)'+')
            {
                negativeExponent = text[i] == '-';
                i++;
            }

            var power = 0;
            var start = i;
            for (; i < text.Length && i - start < 4; i++)
            {
                var d = (uint)(text[i] - '0');
                if (d > 9)
                {
                    break;
                }

                power = (power * 10) + (int)d;
            }

            if (i == start)
            {
                return false;
            }

            exponent += negativeExponent ? -power : power;
        }

        if (!sawDigit || i != text.Length || significand > (1UL << 24) || exponent is < -10 or > 10)
        {
            return false;
        }

        var magnitude = exponent < 0 ? significand / Powers[-exponent] : significand * Powers[exponent];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>
    /// Appends the decimal digits at <paramref name="i"/> to <paramref name="significand"/>, the integer and fraction
    /// parts alike; answers how many it read, or −1 past 18 significant digits (beyond them a ulong could overflow).
    /// </summary>
    private static int AccumulateDigits(ReadOnlySpan<byte> text, ref int i, ref ulong significand, ref int digits)
    {
        var start = i;
        for (; i < text.Length; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9)
            {
                break;
            }

            if (++digits > 18)
            {
                return -1;
            }

            significand = (significand * 10) + d;
        }

        return i - start;
    }
}
