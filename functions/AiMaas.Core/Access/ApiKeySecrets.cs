using System.Security.Cryptography;
using System.Text;

namespace AiMaas.Core.Access;

/// <summary>
/// Keys look like <c>amk_{id}_{secret}</c>: the id (12 hex digits) finds the record, the 256-bit random secret proves
/// possession. Only the SHA-256 of the whole key is stored, and hashes are compared in constant time.
/// </summary>
public static class ApiKeySecrets
{
    public const string Prefix = "amk_";
    private const int IdLength = 12;

    public static (string Id, string Key) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>The id in a presented key, or null when it is not of our shape (then no storage is read for it).</summary>
    public static string? IdOf(string presented)
    {
        if (presented.Length < Prefix.Length + IdLength + 2 || presented.Length > 128
            || !presented.StartsWith(Prefix, StringComparison.Ordinal) || presented[Prefix.Length + IdLength] != '_')
        {
            return null;
        }

        var id = presented.Substring(Prefix.Length, IdLength);
        return id.All(char.IsAsciiHexDigitLower) ? id : null;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool Matches(string presented, string storedHash)
    {
        Span<byte> presentedHash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), presentedHash);
        Span<byte> stored = stackalloc byte[32];
        return Convert.FromHexString(storedHash, stored, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == 32
            && CryptographicOperations.FixedTimeEquals(presentedHash, stored);
    }
}
