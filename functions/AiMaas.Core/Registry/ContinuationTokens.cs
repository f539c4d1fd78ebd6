using System.Globalization;
using System.Text;

namespace AiMaas.Core.Registry;

/// <summary>Opaque continuation tokens for version listings (the next version number to read, base64url-encoded).</summary>
internal static class ContinuationTokens
{
    public static string Encode(int nextVersion) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("v" + nextVersion.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static int? Decode(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return text.StartsWith('v') && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
                ? version
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
