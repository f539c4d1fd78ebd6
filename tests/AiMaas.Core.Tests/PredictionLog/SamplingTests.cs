using AiMaas.Core.PredictionLog;

namespace AiMaas.Core.Tests.PredictionLog;

[TestClass]
public sealed class SamplingTests
{
    [TestMethod]
    [DataRow(0.01)]
    [DataRow(0.1)]
    [DataRow(0.5)]
    [DataRow(0.9)]
    public void IsSampled_ManyRequestIds_KeepsCloseToTheRate(double rate)
    {
        const int ids = 100_000;

        var sampled = Enumerable.Range(0, ids).Count(i => Sampling.IsSampled("req-" + i, rate));

        Assert.AreEqual(rate, sampled / (double)ids, 0.01);
    }

    [TestMethod]
    public void IsSampled_SameId_DecidesTheSameEveryTimeAndNestsAcrossRates()
    {
        foreach (var id in Enumerable.Range(0, 1000).Select(i => Guid.NewGuid().ToString()))
        {
            Assert.AreEqual(Sampling.IsSampled(id, 0.3), Sampling.IsSampled(id, 0.3));
            Assert.IsTrue(!Sampling.IsSampled(id, 0.1) || Sampling.IsSampled(id, 0.3), "a request sampled at a lower rate is sampled at a higher one");
        }
    }

    [TestMethod]
    public void IsSampled_RateZeroOrOne_NoneOrAll()
    {
        Assert.IsFalse(Sampling.IsSampled("x", 0));
        Assert.IsTrue(Sampling.IsSampled("x", 1));
    }

    [TestMethod]
    public void Choose_CallerIdThenTraceParentThenNew()
    {
        Assert.AreEqual("abc-1", RequestIds.Choose("abc-1", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        Assert.AreEqual("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", RequestIds.Choose(null, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        Assert.AreEqual(32, RequestIds.Choose("has spaces\r\nand a header injection", null).Length, "an unusable id is replaced by a new one");
    }
}
