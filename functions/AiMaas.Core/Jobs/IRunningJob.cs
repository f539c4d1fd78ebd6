namespace AiMaas.Core.Jobs;

/// <summary>A job whose record gets a heartbeat and its progress while it runs.</summary>
public interface IRunningJob : IJobProgress, IAsyncDisposable
{
    /// <summary>
    /// Stops the heartbeat, waiting for a write in flight, and returns the record with its last progress, so that the
    /// final status is written after (never overwritten by) a heartbeat.
    /// </summary>
    Task<JobRecord> StopAsync();
}
