namespace AiMaas.Core.Batch;

/// <summary>A batch scoring job, as <c>GET /api/models/{model}/batch/{jobId}</c> reports it.</summary>
public sealed record BatchJob
{
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

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsFinished => Status is JobStatus.Succeeded or JobStatus.Failed;
}
