using AiMaas.Core.PredictionLog;
using Microsoft.AspNetCore.Http;

namespace AiMaas.Functions.Http;

/// <summary>The request id of a predict call: the caller's <c>x-request-id</c> or <c>traceparent</c>, else a new one; always echoed in <c>x-request-id</c>.</summary>
public static class RequestIdHeaders
{
    public static string RequestId(this HttpRequest request)
    {
        // StringValues indexed directly: LINQ's FirstOrDefault would box it on every predict.
        var headers = request.Headers;
        var id = RequestIds.Choose(First(headers[RequestIds.Header]), First(headers[RequestIds.TraceParentHeader]));
        request.HttpContext.Response.Headers[RequestIds.Header] = id;
        return id;
    }

    private static string? First(Microsoft.Extensions.Primitives.StringValues values) => values.Count > 0 ? values[0] : null;
}
