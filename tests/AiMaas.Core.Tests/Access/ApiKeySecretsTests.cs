using AiMaas.Core.Access;

namespace AiMaas.Core.Tests.Access;

[TestClass]
public sealed class ApiKeySecretsTests
{
    [TestMethod]
    public void Generate_Key_CarriesItsIdAnd256RandomBits()
    {
        var (id, key) = ApiKeySecrets.Generate();
        var (otherId, other) = ApiKeySecrets.Generate();

        Assert.AreEqual(id, ApiKeySecrets.IdOf(key));
        Assert.AreNotEqual(id, otherId);
        Assert.AreNotEqual(key, other);
        Assert.AreEqual(43, key.Length - "amk_".Length - id.Length - 1, "base64url of 32 bytes");
    }

    [TestMethod]
    public void Matches_OnlyTheHashedKey()
    {
        var (_, key) = ApiKeySecrets.Generate();
        var hash = ApiKeySecrets.Hash(key);

        Assert.IsTrue(ApiKeySecrets.Matches(key, hash));
        Assert.IsFalse(ApiKeySecrets.Matches(key + "x", hash));
        Assert.IsFalse(ApiKeySecrets.Matches(key[..^1], hash));
        Assert.IsFalse(ApiKeySecrets.Matches(key, "not hex"));
        Assert.IsFalse(hash.Contains(key[^20..], StringComparison.Ordinal));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("amk_")]
    [DataRow("amk_0123456789AB_secret")]
    [DataRow("amk_0123456789ab-secret")]
    [DataRow("xyz_0123456789ab_secret")]
    [DataRow("amk_../../etc/p_secret")]
    public void IdOf_KeyOfAnotherShape_IsNull(string presented) => Assert.IsNull(ApiKeySecrets.IdOf(presented));

    [TestMethod]
    public void IdOf_OverlongKey_IsNull() => Assert.IsNull(ApiKeySecrets.IdOf("amk_0123456789ab_" + new string('a', 200)));
}
