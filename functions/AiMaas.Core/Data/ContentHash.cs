using System.Security.Cryptography;

namespace AiMaas.Core.Data;

/// <summary>The one way datasets and model artifacts are fingerprinted: lower-case hex SHA-256.</summary>
public static class ContentHash
{
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
