using Azure;

namespace AiMaas.Core.Storage;

/// <summary>
/// Recognises storage being unreachable or overloaded: a connection failure (status 0), a 5xx, or the SDK's
/// <see cref="AggregateException"/> after its retries ran out on such failures. Callers answer 503, not 500.
/// </summary>
public static class StorageOutage
{
    public static bool Is(Exception exception) => exception switch
    {
        RequestFailedException ex => ex.Status is 0 or >= 500,
        AggregateException ex => ex.InnerExceptions.Count > 0 && ex.InnerExceptions.All(Is),
        HttpRequestException => true,
        _ => false,
    };
}
