using System.Buffers;

namespace AiMaas.Core.PredictionLog;

/// <summary>The id of a predict request: the caller's <c>x-request-id</c>, else its W3C <c>traceparent</c>, else a new one.</summary>
public static class RequestIds
{
    public const string Header = "x-request-id";
    public const string TraceParentHeader = "traceparent";

    private const int MaxLength = 128;

    // Ids are echoed in a header and written to logs: printable ASCII only, no spaces or quotes.
    private static readonly SearchValues<char> s_allowed = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/+=@");

    public static string Choose(string? requestId, string? traceParent) =>
        IsUsable(requestId) ? requestId! : IsUsable(traceParent) ? traceParent! : New();

    public static string New() => Guid.CreateVersion7().ToString("N");

    private static bool IsUsable(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && !value.AsSpan().ContainsAnyExcept(s_allowed);
}
