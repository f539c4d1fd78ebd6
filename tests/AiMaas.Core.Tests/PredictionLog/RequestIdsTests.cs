using AiMaas.Core.PredictionLog;

namespace AiMaas.Core.Tests.PredictionLog;

[TestClass]
public sealed class RequestIdsTests
{
    [TestMethod]
    public void New_IsAVersion7UuidOfItsTime_InLowercaseHex()
    {
        var time = DateTimeOffset.Parse("2026-12-02T05:40:00.123Z", System.Globalization.CultureInfo.InvariantCulture);

        var id = RequestIds.New(time);

        Assert.AreEqual(32, id.Length);
        Assert.AreEqual(id.ToLowerInvariant(), id);
        var guid = Guid.ParseExact(id, "N");
        Assert.AreEqual(7, guid.Version);
        Assert.AreEqual(0b10, guid.Variant >> 2, "RFC 9562 variant");
        Assert.AreEqual(time.ToUnixTimeMilliseconds(), Convert.ToInt64(id[..12], 16), "the first 48 bits are the Unix milliseconds");
    }

    [TestMethod]
    public void New_ManyIds_AreUniqueAndSampleCloseToTheRate()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => RequestIds.New()).ToArray();

        Assert.AreEqual(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.AreEqual(0.25, ids.Count(id => Sampling.IsSampled(id, 0.25)) / (double)ids.Length, 0.01);
    }
}
