namespace AiMaas.Core.Data;

/// <summary>A request body is larger than the configured limit.</summary>
public sealed class RequestTooLargeException(long limit)
    : Exception($"The request body exceeds the limit of {limit} bytes; split the batch.")
{
    public long Limit { get; } = limit;
}
