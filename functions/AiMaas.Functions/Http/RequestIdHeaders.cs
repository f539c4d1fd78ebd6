using AiMaas.Core.PredictionLog;
using Microsoft.AspNetCore.Http;

namespace AiMaas.Functions.Http;

/// <summary>The request id of a predict call: the caller's <c>x-request-id</c> or <c>traceparent</c>, else a new one; always echoed in <c>x-request-id</c>.</summary>
public static class RequestIdHeaders
{
    public static string RequestId(this HttpRequest request)
    {
        var id = RequestIds.Choose(request.Headers[RequestIds.Header].FirstOrDefault(), request.Headers[RequestIds.TraceParentHeader].FirstOrDefault());
        request.HttpContext.Response.Headers[RequestIds.Header] = id;
        return id;
    }
}
