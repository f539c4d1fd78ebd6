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

        /// <summary>Stopwatch ticks spent scoring and rendering chunks, committing their blocks, and writing the job record; reading is the rest.</summary>
        public long ScoringTicks { get; set; }

        public long CommitTicks { get; set; }

        /// <summary>Ticks the reading loop waited for the previous chunk's commit to finish.</summary>
        public long WaitTicks { get; set; }

        /// <summary>Chunks scored in all attempts, the one being committed included: the next chunk's index.</summary>
        public int ChunksScored { get; set; }

        /// <summary>The commit of the last chunk scored, running while the next is read.</summary>
        public Task? Pending { get; set; }

        public long RecordTicks { get; set; }

        public static double Seconds(long ticks) => Math.Round((double)ticks / System.Diagnostics.Stopwatch.Frequency, 3);
    }
}
