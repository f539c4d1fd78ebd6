using Microsoft.AspNetCore.Http;

namespace AiMaas.Functions.Http;

/// <summary>ETag and If-Match for the model document, so that clients can update aliases without losing a concurrent change.</summary>
public static class ETagHeaders
{
    public static string? IfMatch(this HttpRequest request) =>
        request.Headers.IfMatch.FirstOrDefault() is { Length: > 0 } value && value != "*" ? value : null;

    public static IResult WithETag(this IResult result, HttpRequest request, string etag)
    {
        request.HttpContext.Response.Headers.ETag = etag;
        return result;
    }
}
