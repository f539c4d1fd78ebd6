using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiMaas.Core.Jobs;

/// <summary>Starts a <see cref="JobProgressReporter"/> that writes through the <see cref="JobStore"/>.</summary>
public sealed class JobMonitor(JobStore jobs, IOptions<JobMonitoringOptions> options, TimeProvider time, ILogger<JobMonitor> logger) : IJobMonitor
{
    public IRunningJob Start(JobRecord job, CancellationToken cancellationToken) =>
        new JobProgressReporter(job, jobs.SaveAsync, options.Value, time, logger, cancellationToken);
}
