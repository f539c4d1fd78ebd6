namespace AiMaas.Core.Jobs;

/// <summary>
/// What a running job tells its record about its progress. Cheap and synchronous, so that it can be called from inside
/// a training loop: the record is written later, at most once per <see cref="JobMonitoringOptions.JobProgressInterval"/>.
/// </summary>
public interface IJobProgress
{
    /// <summary>The job entered <paramref name="stage"/>; a null <paramref name="rowsRead"/> keeps the count already known.</summary>
    void Report(JobStage stage, long? rowsRead = null, double? percent = null, int? trial = null, int? trials = null);
}
