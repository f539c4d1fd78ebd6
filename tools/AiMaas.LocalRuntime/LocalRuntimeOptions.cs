using System.ComponentModel.DataAnnotations;
using AiMaas.Core.Jobs;
using Microsoft.Extensions.Options;

namespace AiMaas.LocalRuntime;

/// <summary>Settings of the local runtime itself.</summary>
public sealed class LocalRuntimeOptions
{
    /// <summary>The key that Function-level endpoints require, as a host key does in Azure.</summary>
    public const string HostKeySetting = "AIMAAS_HOST_KEY";

    [Required(ErrorMessage = "Set AIMAAS_HOST_KEY (in local.settings.json Values or the environment): Function-level endpoints need a key.")]
    [MinLength(16, ErrorMessage = "AIMAAS_HOST_KEY must be at least 16 characters.")]
    public string HostKey { get; set; } = "";

    /// <summary>
    /// How long a message taken by a queue trigger stays invisible, renewed while its function runs: the Functions host's
    /// 10 minutes unless <see cref="JobMonitoringOptions.QueueProcessingVisibilitySetting"/> says otherwise (tests shorten it).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = $"{JobMonitoringOptions.QueueProcessingVisibilitySetting} must be a duration (hh:mm:ss) from 00:00:01 to 7.00:00:00.")]
    public TimeSpan QueueProcessingVisibility { get; set; } = JobMonitoringOptions.DefaultQueueProcessingVisibility;
}

[OptionsValidator]
public sealed partial class LocalRuntimeOptionsValidator : IValidateOptions<LocalRuntimeOptions>;
