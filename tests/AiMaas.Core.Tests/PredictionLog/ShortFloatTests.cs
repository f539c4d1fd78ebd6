using System.Globalization;
using System.Text;
using AiMaas.Core.PredictionLog;

namespace AiMaas.Core.Tests.PredictionLog;

/// <summary>
/// <see cref="ShortFloat"/> against the runtime's own shortest round-trip formatting, which <c>Utf8JsonWriter</c> uses: the
/// same bytes or no answer. Every float of the fast range was compared once (2026-12-02, bench/README.md); these sample it.
/// </summary>
[TestClass]
public sealed class ShortFloatTests
{
    [TestMethod]
    public void TryWrite_RandomFloatsOfTheRange_WritesWhatTryFormatWrites()
    {
        var random = new Random(20261202);
        var low = BitConverter.SingleToInt32Bits(ShortFloat.Min);
        var high = BitConverter.SingleToInt32Bits(ShortFloat.Max);
        var answered = 0;
        for (var i = 0; i < 300_000; i++)
        {
            var value = BitConverter.Int32BitsToSingle(random.Next(low, high));
            answered += AssertSameOrUnanswered(random.Next(2) == 0 ? value : -value) ? 1 : 0;
        }

        Assert.IsGreaterThan(290_000, answered, "almost every value takes the fast path");
    }

    [TestMethod]
    public void TryWrite_ShortDecimals_WritesWhatTryFormatWritesAlmostAlwaysOnTheFastPath()
    {
        // What requests mostly carry: values typed or generated with a few decimals. A value that is exactly halfway
        // between two shortest candidates (-136.890625) is left to the general path.
        var random = new Random(7);
        var (tried, answered) = (0, 0);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(0, 7);
            var value = (float)Math.Round((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(0, 6)), digits);
            if (MathF.Abs(value) >= ShortFloat.Min)
            {
                tried++;
                answered += AssertSameOrUnanswered(value) ? 1 : 0;
            }
        }

        Assert.IsGreaterThan(tried * 0.99, answered);
    }

    [TestMethod]
    public void TryWrite_EdgesOfTheRangeAndPowersOfTwo_WritesWhatTryFormatWrites()
    {
        float[] edges = [ShortFloat.Min, BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(ShortFloat.Max) - 1),
            0.1f, 0.2f, 0.3f, 1f / 3, 2f / 3, 1, 9.999999f, 10, 99999.99f, 123456.7f, 999999.94f, 16_777.216f, 0.00012345678f];
        foreach (var edge in edges)
        {
            AssertSameOrUnanswered(edge);
            AssertSameOrUnanswered(-edge);
        }

        for (var exponent = -13; exponent < 20; exponent++)
        {
            var power = MathF.ScaleB(1, exponent);
            foreach (var value in new[] { power, BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(power) - 1), BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(power) + 1) })
            {
                AssertSameOrUnanswered(value);
            }
        }
    }

    [TestMethod]
    public void TryWrite_OutsideTheRange_LeavesItToTheGeneralPath()
    {
        Span<byte> text = stackalloc byte[ShortFloat.MaxLength];
        foreach (var value in new[] { 0f, -0f, 1e-5f, ShortFloat.Max, -ShortFloat.Max, 1e7f, float.NaN, float.PositiveInfinity, float.Epsilon })
        {
            Assert.IsFalse(ShortFloat.TryWrite(value, text, out _), value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private static bool AssertSameOrUnanswered(float value)
    {
        Span<byte> fast = stackalloc byte[ShortFloat.MaxLength];
        Span<byte> general = stackalloc byte[32];
        if (!ShortFloat.TryWrite(value, fast, out var written))
        {
            return false;
        }

        Assert.IsTrue(value.TryFormat(general, out var length, default, CultureInfo.InvariantCulture));
        Assert.AreEqual(Encoding.ASCII.GetString(general[..length]), Encoding.ASCII.GetString(fast[..written]), $"bits 0x{BitConverter.SingleToInt32Bits(value):X8}");
        return true;
    }
}
