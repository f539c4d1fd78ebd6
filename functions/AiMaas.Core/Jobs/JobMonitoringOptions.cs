using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AiMaas.Core.Jobs;

/// <summary>How often a running job writes its heartbeat and progress, and when a silent job counts as stalled.</summary>
public sealed class JobMonitoringOptions : IValidatableObject
{
    /// <summary>Bound from the same section as <see cref="AiMaasOptions"/>: <c>AiMaas:JobHeartbeatInterval</c> and so on.</summary>
    public const string SectionName = AiMaasOptions.SectionName;

    /// <summary>
    /// How long a queue message stays invisible after it was last taken or renewed: the Functions host's fixed 10 minutes
    /// in Azure, a setting of the local runtime. The app reads it too, to say when a stalled job will be retried.
    /// </summary>
    public const string QueueProcessingVisibilitySetting = "AIMAAS_QUEUE_PROCESSING_VISIBILITY";

    public static readonly TimeSpan DefaultQueueProcessingVisibility = TimeSpan.FromMinutes(10);

    /// <summary>Progress is written at most this often, so that a chatty training loop costs one blob write per interval.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan JobProgressInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A running job's <c>lastAliveAt</c> is refreshed so that it is never older than this, progress or not.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan JobHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A running job whose heartbeat is older than this shows <c>"stalled": true</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan JobStalledAfter { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Read from <see cref="QueueProcessingVisibilitySetting"/> only (the key name keeps the section's binder from offering a second); checked in <see cref="Validate"/> so that the message names that setting.</summary>
    [ConfigurationKeyName(QueueProcessingVisibilitySetting)]
    public TimeSpan QueueProcessingVisibility { get; set; } = DefaultQueueProcessingVisibility;

    /// <summary>Reads <see cref="QueueProcessingVisibilitySetting"/>; a value that is not a duration reads as zero, which validation rejects by name.</summary>
    public static TimeSpan ReadQueueProcessingVisibility(IConfiguration configuration) =>
        configuration[QueueProcessingVisibilitySetting] is not { Length: > 0 } text
            ? DefaultQueueProcessingVisibility
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : TimeSpan.Zero;

    /// <summary>Why a processing visibility is unusable (a queue message can be hidden for 1 s to 7 days), or null.</summary>
    public static string? CheckQueueProcessingVisibility(TimeSpan value) =>
        value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromDays(7)
            ? $"{QueueProcessingVisibilitySetting} must be a duration (hh:mm:ss) from 00:00:01 to 7.00:00:00; it is '{value}'."
            : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CheckQueueProcessingVisibility(QueueProcessingVisibility) is { } visibilityError)
        {
            yield return new ValidationResult(visibilityError, [nameof(QueueProcessingVisibility)]);
        }

        if (JobHeartbeatInterval < JobProgressInterval)
        {
            yield return new ValidationResult(
                $"{nameof(JobHeartbeatInterval)} ({JobHeartbeatInterval}) must be at least {nameof(JobProgressInterval)} ({JobProgressInterval}).",
                [nameof(JobHeartbeatInterval)]);
        }

        if (JobStalledAfter <= JobHeartbeatInterval)
        {
            yield return new ValidationResult(
                $"{nameof(JobStalledAfter)} ({JobStalledAfter}) must be longer than {nameof(JobHeartbeatInterval)} ({JobHeartbeatInterval}), or every job would look stalled between heartbeats.",
                [nameof(JobStalledAfter)]);
        }
    }
}
