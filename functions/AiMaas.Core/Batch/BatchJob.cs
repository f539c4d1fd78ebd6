using AiMaas.Core.Jobs;
namespace AiMaas.Core.Batch;

/// <summary>A batch scoring job, as <c>GET /api/models/{model}/batch/{jobId}</c> and <c>GET /api/jobs/{jobId}</c> report it.</summary>
public sealed record BatchJob
{
    /// <summary>Tells a batch job from a training job where both are listed or fetched by id.</summary>
    public string Kind { get; init; } = "batch";

    public required string JobId { get; init; }

    public required string Model { get; init; }

    /// <summary>The version scored, fixed when the job is submitted (an alias is resolved then).</summary>
    public required int Version { get; init; }

    public string? Alias { get; init; }

    public required JobStatus Status { get; init; }

    /// <summary>What the request named: a blob in the datasets container or a prefix.</summary>
    public required string Input { get; init; }

    /// <summary>The blobs read, in this order.</summary>
    public required IReadOnlyList<string> InputBlobs { get; init; }

    public IReadOnlyList<string> KeepColumns { get; init; } = [];

    /// <summary>Bad rows tolerated before the job fails; -1 never fails on bad rows.</summary>
    public int ErrorThreshold { get; init; } = 100;

    public required BatchOutputs Outputs { get; init; }

    /// <summary>Rows per committed chunk, fixed at submission so that a redelivery cuts the input the same way.</summary>
    public required int ChunkRows { get; init; }

    public int Attempts { get; init; }

    public long RowsScored { get; init; }

    public long RowsFailed { get; init; }

    public long RowsDone => RowsScored + RowsFailed;

    public double? RowsPerSecond { get; init; }

    public double? DurationSeconds { get; init; }

    public string? Error { get; init; }

    /// <summary>The running attempt's progress in the shape training jobs report it, refreshed after each committed chunk.</summary>
    public JobProgress? Progress { get; init; }

    /// <summary>The running attempt's heartbeat: the time of its last committed chunk.</summary>
    public DateTimeOffset? LastAliveAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed;
}
