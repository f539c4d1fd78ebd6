using System.Text;
using AiMaas.Core.Access;
using AiMaas.Core.Audit;
using AiMaas.Core.Serving;
using AiMaas.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AiMaas.Functions.Access;

/// <summary>
/// Authenticates, authorizes, rate-limits and audits one HTTP function call. The worker middleware runs it under the
/// Functions host and the local runtime runs the same code, so both enforce the same <see cref="RequiresScopeAttribute"/>s.
/// </summary>
public sealed class HttpFunctionGate(
    ApiKeyStore keys,
    AuditTrail audit,
    KeyRateLimiter limiter,
    IOptions<AccessOptions> options,
    IOptions<ServingOptions> serving)
{
    public const string FunctionsKeyHeader = "x-functions-key";
    public const string ApiKeyHeader = "x-api-key";

    private static readonly List<string> s_noScopes = [];

    private readonly byte[] _hostKey = Encoding.UTF8.GetBytes(options.Value.HostKey);

    /// <summary>Runs <paramref name="invoke"/> when the caller may; returns the function's result or the refusal to send.</summary>
    public async Task<IResult?> InvokeAsync(HttpContext http, FunctionAccessRule rule, Func<string, string?> routeValue, Func<Task<IResult?>> invoke)
    {
        try
        {
            return await GuardAsync(http, rule, routeValue, invoke).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            // The server gave up on the request body (too slow, truncated, too large): the client's fault, not a 500.
            return TypedResults.Problem(ex.Message, statusCode: ex.StatusCode, title: "Bad request body");
        }
        catch (Exception ex) when (StorageOutage.Is(ex) && !http.Response.HasStarted)
        {
            // Storage is down or overloaded, not the request wrong: a retryable 503, never a 500.
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(
                "Storage did not answer this request in time; try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Storage unavailable");
        }
    }

    private async Task<IResult?> GuardAsync(HttpContext http, FunctionAccessRule rule, Func<string, string?> routeValue, Func<Task<IResult?>> invoke)
    {
        if (rule.IsAnonymous)
        {
            return await invoke().ConfigureAwait(false);
        }

        var (caller, failure) = await AuthenticateAsync(http).ConfigureAwait(false);
        if (caller is null)
        {
            Refused(http, rule, Caller.Anonymous, StatusCodes.Status401Unauthorized, failure, routeValue);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(failure, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        // The host key (admin) may do anything: its scopes are not worked out on every request.
        var required = caller.Kind == CallerKind.HostKey ? s_noScopes : RequiredScopes(rule.Scope, routeValue);
        if (required.Count > 0 && !HasAny(caller, required))
        {
            var needed = string.Join("' or '", required);
            var detail = $"This request needs the scope '{needed}', which {caller.Actor} does not hold.";
            Refused(http, rule, caller, StatusCodes.Status403Forbidden, detail, routeValue);
            return TypedResults.Problem(
                detail,
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden",
                extensions: new Dictionary<string, object?> { ["requiredScope"] = required.Count == 1 ? required[0] : required });
        }

        if (limiter.TryAcquireRequest(caller) is { } retryAfter)
        {
            return TooManyRequests(http, retryAfter, $"{caller.Actor} is limited to {caller.Limits!.RequestsPerSecond} requests per second on this instance.");
        }

        if (caller.Limits?.RowsPerSecond is { } rowRate && IsScoring(rule, http))
        {
            if (await CountRowsAsync(http).ConfigureAwait(false) is not { } rows)
            {
                return TypedResults.Problem($"The body exceeds {serving.Value.MaxRequestBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large");
            }

            if (limiter.TryAcquireRows(caller, rows) is { } rowsRetryAfter)
            {
                return TooManyRequests(http, rowsRetryAfter, $"{caller.Actor} is limited to {rowRate} rows per second on this instance; this request has {rows}.");
            }
        }

        http.SetCaller(caller);
        var result = await invoke().ConfigureAwait(false);
        if (rule.Audit is { } action)
        {
            Record(http, caller, action, StatusOf(result).ToString(System.Globalization.CultureInfo.InvariantCulture), LocationOf(result), routeValue);
        }

        return result;
    }

    /// <summary>Answers 429 with Retry-After in whole seconds (at least 1).</summary>
    public static IResult TooManyRequests(HttpContext http, TimeSpan retryAfter, string detail)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
    }

    private static bool IsScoring(FunctionAccessRule rule, HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && rule.Scope.StartsWith(Scopes.Predict + ":", StringComparison.Ordinal);

    /// <summary>Reads the body once to count rows, then rewinds it for the function; only for keys with a rows limit.</summary>
    private async Task<int?> CountRowsAsync(HttpContext http)
    {
        http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: serving.Value.MaxRequestBodyBytes);
        try
        {
            var rows = await PredictionRowCounter.CountAsync(http.Request.Body, http.RequestAborted).ConfigureAwait(false);
            http.Request.Body.Position = 0;
            return rows;
        }
        catch (IOException)
        {
            // Over the buffer limit, which is the body limit.
            return null;
        }
    }

    private async Task<(Caller? Caller, string Failure)> AuthenticateAsync(HttpContext http)
    {
        var request = http.Request;
        var hostKey = First(request.Headers[FunctionsKeyHeader]) ?? (request.QueryString.HasValue ? request.Query["code"].FirstOrDefault() : null);
        if (hostKey is not null)
        {
            return IsHostKey(hostKey) ? (Caller.HostKey, "") : (null, "The key in 'x-functions-key' (or 'code') is not valid.");
        }

        var apiKey = First(request.Headers[ApiKeyHeader]) ?? BearerApiKey(request);
        if (apiKey is not null)
        {
            return await keys.AuthenticateAsync(apiKey, http.RequestAborted).ConfigureAwait(false) is { } key
                ? (Caller.ForKey(key), "")
                : (null, "The API key is not valid: unknown, revoked or expired.");
        }

        if (options.Value.TrustClientPrincipal && ClientPrincipal.Parse(request.Headers[ClientPrincipal.HeaderName].FirstOrDefault()) is { } principal)
        {
            return (principal, "");
        }

        return (null, "A credential is required: an API key in 'x-api-key' or 'Authorization: Bearer', or the host key in 'x-functions-key'.");
    }

    // StringValues indexed directly: LINQ's FirstOrDefault would box it on every request.
    private static string? First(StringValues values) => values.Count > 0 ? values[0] : null;

    /// <summary>A bearer token is ours only when it has our key's shape; anything else (an Entra ID token) is App Service's.</summary>
    private static string? BearerApiKey(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim() is var token
            && token.StartsWith(ApiKeySecrets.Prefix, StringComparison.Ordinal)
            ? token
            : null;
    }

    private bool IsHostKey(string presented) => _hostKey.Length > 0 && HostKeyComparison.Matches(_hostKey, presented);

    private static bool HasAny(Caller caller, List<string> required)
    {
        foreach (var scope in required)
        {
            if (caller.Has(scope))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> RequiredScopes(string declared, Func<string, string?> routeValue)
    {
        if (declared == FunctionScopes.AnyCredential)
        {
            return [];
        }

        if (declared == FunctionScopes.ReadModel)
        {
            var model = routeValue("model") ?? "";
            return Scopes.ModelActions.Select(action => Scopes.ForModel(action, model)).ToList();
        }

        var scope = declared;
        var open = scope.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0 && scope.IndexOf('}', open) is var close and > 0)
        {
            var name = scope[(open + 1)..close];
            scope = string.Concat(scope.AsSpan(0, open), routeValue(name) ?? "", scope.AsSpan(close + 1));
        }

        return [scope];
    }

    private void Refused(HttpContext http, FunctionAccessRule rule, Caller caller, int status, string detail, Func<string, string?> routeValue) =>
        Record(http, caller, "request.refused", status.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{rule.Function}: {detail}", routeValue);

    private void Record(HttpContext http, Caller caller, string action, string outcome, string? detail, Func<string, string?> routeValue) =>
        audit.Record(new AuditRecord
        {
            Actor = caller.Actor,
            Action = action,
            Target = $"{http.Request.Method} {http.Request.Path}",
            Model = routeValue("model"),
            Outcome = outcome,
            Detail = detail,
            RequestId = http.TraceIdentifier,
            CallerIp = CallerIp(http),
        });

    /// <summary>Behind App Service's front end the client is the last address it appended to X-Forwarded-For.</summary>
    private static string? CallerIp(HttpContext http) =>
        http.Request.Headers["X-Forwarded-For"].FirstOrDefault()?.Split(',').LastOrDefault()?.Trim() is { Length: > 0 and <= 64 } forwarded
            ? forwarded
            : http.Connection.RemoteIpAddress?.ToString();

    /// <summary>What a change created (a job, a version, a key), from the Location of Created and Accepted results.</summary>
    private static string? LocationOf(IResult? result) =>
        result?.GetType().GetProperty("Location")?.GetValue(result) is string location ? $"created {location}" : null;

    private static int StatusOf(IResult? result) => result switch
    {
        IStatusCodeHttpResult { StatusCode: { } status } => status,
        null => StatusCodes.Status204NoContent,
        _ => StatusCodes.Status200OK,
    };
}
