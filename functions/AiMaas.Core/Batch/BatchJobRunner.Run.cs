namespace AiMaas.Core.Batch;

public sealed partial class BatchJobRunner
{
    /// <summary>One attempt's state: the job as last committed, and whether the record is behind it.</summary>
    private sealed class Run(BatchJob job, long started, long rowsAtStart, IProgress<BatchJob>? progress)
    {
        public BatchJob Job { get; set; } = job;

        public long Started { get; } = started;

        public long RowsAtStart { get; } = rowsAtStart;

        public IProgress<BatchJob>? Progress { get; } = progress;

        public DateTimeOffset? LastSaved { get; set; }

        public bool Unsaved { get; set; }
    }
}
