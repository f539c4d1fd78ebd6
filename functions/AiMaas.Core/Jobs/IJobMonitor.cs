namespace AiMaas.Core.Jobs;

/// <summary>Starts the heartbeat and progress reporting of a job that has just been saved as running.</summary>
public interface IJobMonitor
{
    /// <summary>Writes stop when the returned job is stopped or <paramref name="cancellationToken"/> is cancelled (the worker stops).</summary>
    IRunningJob Start(JobRecord job, CancellationToken cancellationToken);
}
