using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AiMaas.LocalRuntime.Http;

/// <summary>Checks the key of a Function-level request as Azure does: the x-functions-key header or the code query parameter.</summary>
public sealed class FunctionKeyCheck(string hostKey)
{
    public const string HeaderName = "x-functions-key";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(hostKey);

    public bool IsAuthorized(HttpRequest request)
    {
        var supplied = request.Headers[HeaderName].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        return supplied is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(supplied), _key);
    }
}
