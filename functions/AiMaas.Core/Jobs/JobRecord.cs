using AiMaas.Core.Registry;

namespace AiMaas.Core.Jobs;

/// <summary>The state of one training job, as <c>GET /api/jobs/{jobId}</c> reports it.</summary>
public sealed record JobRecord
{
    /// <summary>Tells a training job from a batch scoring job where both are fetched by id.</summary>
    public string Kind { get; init; } = "training";

    public required string JobId { get; init; }

    public required JobStatus Status { get; init; }

    public string? Model { get; init; }

    public string? Dataset { get; init; }

    public string? Label { get; init; }

    public TaskKind? Task { get; init; }

    public int Attempts { get; init; }

    public int? Version { get; init; }

    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    public string? Error { get; init; }

    /// <summary>Whether the new version became current, and on what evidence.</summary>
    public PromotionDecision? Promotion { get; init; }

    /// <summary>The leaderboard of <c>"trainer": "auto"</c>, best first.</summary>
    public TuningReport? Tuning { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The running job's heartbeat: refreshed while its worker lives, so an old one means the worker died.</summary>
    public DateTimeOffset? LastAliveAt { get; init; }

    /// <summary>What the running (or last) attempt was doing, as of <see cref="LastAliveAt"/>.</summary>
    public JobProgress? Progress { get; init; }

    /// <summary>Read time only, never stored: a running job whose heartbeat is older than the stall threshold.</summary>
    public bool? Stalled { get; init; }

    /// <summary>Read time only, never stored: when the queue hands a stalled job's message out again, at the latest.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed;
}
