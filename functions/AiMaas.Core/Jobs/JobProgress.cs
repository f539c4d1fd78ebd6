namespace AiMaas.Core.Jobs;

/// <summary>How far a running job has got; written with its heartbeat.</summary>
public sealed record JobProgress
{
    public required JobStage Stage { get; init; }

    /// <summary>Data rows read from the dataset, once known.</summary>
    public long? RowsRead { get; init; }

    /// <summary>Rows per second of this attempt so far, where rows are the unit of work (batch scoring).</summary>
    public double? RowsPerSecond { get; init; }

    /// <summary>Percent of the current stage done, only where the stage can tell (tuning trials).</summary>
    public double? Percent { get; init; }

    public int? Trial { get; init; }

    public int? Trials { get; init; }

    /// <summary>Seconds since this attempt started.</summary>
    public double ElapsedSeconds { get; init; }
}
