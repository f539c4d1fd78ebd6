namespace AiMaas.Core.Audit;

/// <summary>One line of the audit trail.</summary>
public sealed record AuditRecord
{
    public DateTimeOffset Time { get; init; }

    /// <summary>"host key", "key {id} ({name})", "principal {name} ({id})", "anonymous" or "system" (the training worker).</summary>
    public required string Actor { get; init; }

    /// <summary>What was done or tried, e.g. <c>alias.set</c>, <c>key.created</c>, <c>training.finished</c>, <c>request.refused</c>.</summary>
    public required string Action { get; init; }

    /// <summary>What it was done to, e.g. <c>models/iris/aliases/current</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The model concerned, when there is one; <c>GET /api/audit?model=</c> filters on it.</summary>
    public string? Model { get; init; }

    /// <summary>The HTTP status answered, or the job outcome (<c>succeeded</c>, <c>failed</c>, ...).</summary>
    public required string Outcome { get; init; }

    public string? Detail { get; init; }

    public string? RequestId { get; init; }

    public string? CallerIp { get; init; }

    public string? Instance { get; init; }
}
