namespace AiMaas.Core.Audit;

/// <summary>A page request over the audit trail; null filters match everything.</summary>
public sealed record AuditQuery(DateTimeOffset From, DateTimeOffset To, string? Model, string? Actor, int PageSize, string? ContinuationToken);
