using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Jobs;

/// <summary>
/// Keeps a running job's record alive: a timer ticking every <see cref="JobMonitoringOptions.JobProgressInterval"/> writes
/// what the <see cref="JobProgressThrottle"/> says is due. The timer runs beside the training, so a long stage that reports
/// nothing still shows the job alive, and a dead process shows it silent.
/// </summary>
internal sealed class JobProgressReporter : IRunningJob
{
    private readonly JobProgressThrottle _throttle;
    private readonly Func<JobRecord, CancellationToken, Task> _save;
    private readonly ILogger _logger;
    private readonly CancellationToken _writeToken;
    private readonly CancellationTokenSource _stop;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;

    public JobProgressReporter(
        JobRecord job,
        Func<JobRecord, CancellationToken, Task> save,
        JobMonitoringOptions options,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        _throttle = new JobProgressThrottle(job, options, time);
        _save = save;
        _logger = logger;
        _writeToken = cancellationToken;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timer = new PeriodicTimer(options.JobProgressInterval, time);
        _loop = RunAsync();
    }

    public void Report(JobStage stage, long? rowsRead = null, double? percent = null, int? trial = null, int? trials = null) =>
        _throttle.Report(stage, rowsRead, percent, trial, trials);

    public async Task<JobRecord> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        return _throttle.Current();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _timer.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (_throttle.TakeDue() is { } due)
                {
                    await WriteAsync(due).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(JobRecord job)
    {
        try
        {
            // Not cancelled by StopAsync: a write in flight lands before the final status, never after it.
            await _save(job, _writeToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_writeToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A missed heartbeat is not worth failing a training for; storage that stays down fails it soon enough.
            _logger.HeartbeatFailed(ex, job.JobId);
        }
    }
}
