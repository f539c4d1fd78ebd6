using Microsoft.Extensions.Logging;

namespace AiMaas.Core.Jobs;

/// <summary>
/// Keeps a running job's record alive: a timer ticking every <see cref="JobMonitoringOptions.JobProgressInterval"/> writes
/// the latest progress when it changed, and otherwise a heartbeat just before <c>lastAliveAt</c> would be older than
/// <see cref="JobMonitoringOptions.JobHeartbeatInterval"/>. The timer runs beside the training, so a long stage that reports
/// nothing still shows the job alive, and a dead process shows it silent.
/// </summary>
internal sealed class JobProgressReporter : IRunningJob
{
    private readonly Lock _lock = new();
    private readonly Func<JobRecord, CancellationToken, Task> _save;
    private readonly JobMonitoringOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationToken _writeToken;
    private readonly CancellationTokenSource _stop;
    private readonly long _started;
    private readonly Task _loop;
    private JobRecord _job;
    private DateTimeOffset _lastWrite;
    private bool _changed;

    public JobProgressReporter(
        JobRecord job,
        Func<JobRecord, CancellationToken, Task> save,
        JobMonitoringOptions options,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        _save = save;
        _options = options;
        _time = time;
        _logger = logger;
        _writeToken = cancellationToken;
        _started = time.GetTimestamp();
        _job = job;
        _lastWrite = job.LastAliveAt ?? time.GetUtcNow();
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _loop = RunAsync();
    }

    public void Report(JobStage stage, long? rowsRead = null, double? percent = null, int? trial = null, int? trials = null)
    {
        lock (_lock)
        {
            _job = _job with
            {
                Progress = new JobProgress
                {
                    Stage = stage,
                    RowsRead = rowsRead ?? _job.Progress?.RowsRead,
                    Percent = percent,
                    Trial = trial,
                    Trials = trials,
                    ElapsedSeconds = ElapsedSeconds(),
                },
            };
            _changed = true;
        }
    }

    public async Task<JobRecord> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        lock (_lock)
        {
            return Touch();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_options.JobProgressInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                JobRecord? due = null;
                lock (_lock)
                {
                    // Beat on the last tick before the heartbeat would be older than its interval.
                    var now = _time.GetUtcNow();
                    if (_changed || now - _lastWrite + _options.JobProgressInterval > _options.JobHeartbeatInterval)
                    {
                        due = Touch();
                        _lastWrite = now;
                        _changed = false;
                    }
                }

                if (due is not null)
                {
                    await WriteAsync(due).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>The record as of now; the caller holds the lock.</summary>
    private JobRecord Touch()
    {
        _job = _job with
        {
            LastAliveAt = _time.GetUtcNow(),
            Progress = _job.Progress is { } progress ? progress with { ElapsedSeconds = ElapsedSeconds() } : null,
        };
        return _job;
    }

    private async Task WriteAsync(JobRecord job)
    {
        try
        {
            // Not cancelled by StopAsync: a write in flight finishes before the final status is written after it.
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

    private double ElapsedSeconds() => Math.Round(_time.GetElapsedTime(_started).TotalSeconds, 1);
}
