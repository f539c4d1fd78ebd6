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
        var exponent = 0;
        var sawDigit = false;
        for (; i < text.Length; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9)
            {
                break;
            }

            sawDigit = true;
            if (++digits > 18)
            {
                return false;
            }

            significand = (significand * 10) + d;
        }

        if (i < text.Length && text[i] == '.')
        {
            for (i++; i < text.Length; i++)
            {
                var d = (uint)(text[i] - '0');
                if (d > 9)
                {
                    break;
                }

                sawDigit = true;
                if (++digits > 18)
                {
                    return false;
                }

                significand = (significand * 10) + d;
                exponent--;
            }
        }

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
}
