namespace AiMaas.Core.Jobs;

/// <summary>
/// Decides, at each tick of the progress timer, whether the job record is due a write: when progress changed since the
/// last write, or when the next tick would leave <c>lastAliveAt</c> older than the heartbeat interval. Ticks come every
/// <see cref="JobMonitoringOptions.JobProgressInterval"/>, so there is at most one write per interval.
/// </summary>
internal sealed class JobProgressThrottle
{
    private readonly Lock _lock = new();
    private readonly JobMonitoringOptions _options;
    private readonly TimeProvider _time;
    private readonly long _started;
    private JobRecord _job;
    private DateTimeOffset _lastWrite;
    private bool _changed;

    /// <summary>Starts from <paramref name="job"/> as just written, with its <see cref="JobRecord.LastAliveAt"/>.</summary>
    public JobProgressThrottle(JobRecord job, JobMonitoringOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _started = time.GetTimestamp();
        _job = job;
        _lastWrite = job.LastAliveAt ?? time.GetUtcNow();
    }

    public void Report(JobStage stage, long? rowsRead, double? percent, int? trial, int? trials)
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

    /// <summary>On a tick: the record to write now, stamped alive, or null when nothing is due.</summary>
    public JobRecord? TakeDue()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (!_changed && now - _lastWrite + _options.JobProgressInterval <= _options.JobHeartbeatInterval)
            {
                return null;
            }

            _lastWrite = now;
            _changed = false;
            return Stamp(now);
        }
    }

    /// <summary>The record with its latest progress, stamped alive now.</summary>
    public JobRecord Current()
    {
        lock (_lock)
        {
            return Stamp(_time.GetUtcNow());
        }
    }

    private JobRecord Stamp(DateTimeOffset now)
    {
        _job = _job with
        {
            LastAliveAt = now,
            Progress = _job.Progress is { } progress ? progress with { ElapsedSeconds = ElapsedSeconds() } : null,
        };
        return _job;
    }

    private double ElapsedSeconds() => Math.Round(_time.GetElapsedTime(_started).TotalSeconds, 1);
}
