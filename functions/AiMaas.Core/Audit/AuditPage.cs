namespace AiMaas.Core.Audit;

public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, string? ContinuationToken);
