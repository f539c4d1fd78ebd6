using System.Text;
using AiMaas.Functions.Access;

namespace AiMaas.IntegrationTests;

[TestClass]
public sealed class HostKeyComparisonTests
{
    private static readonly byte[] s_key = Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef");

    [TestMethod]
    public void Matches_TheSameKey_True() =>
        Assert.IsTrue(HostKeyComparison.Matches(s_key, "0123456789abcdef0123456789abcdef"));

    [TestMethod]
    [DataRow("")]
    [DataRow("0")]
    [DataRow("0123456789abcdef")]
    [DataRow("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", DisplayName = "the key twice")]
    [DataRow("0123456789abcdef0123456789abcdeF")]
    [DataRow("1123456789abcdef0123456789abcdef")]
    [DataRow("0123456789abcdef0123456789abcdef ")]
    public void Matches_AnyOtherKey_False(string presented) =>
        Assert.IsFalse(HostKeyComparison.Matches(s_key, presented));

    [TestMethod]
    public void Matches_APresentedKeyLongerThanTheStackBuffer_ComparedAndRefused() =>
        Assert.IsFalse(HostKeyComparison.Matches(s_key, new string('x', 10_000)));
}
