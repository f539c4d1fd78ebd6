using System.ComponentModel.DataAnnotations;
using AiMaas.Core.Jobs;
using Microsoft.Extensions.Options;

namespace AiMaas.LocalRuntime;

/// <summary>Settings of the local runtime itself.</summary>
public sealed class LocalRuntimeOptions : IValidatableObject
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
    public TimeSpan QueueProcessingVisibility { get; set; } = JobMonitoringOptions.DefaultQueueProcessingVisibility;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (JobMonitoringOptions.CheckQueueProcessingVisibility(QueueProcessingVisibility) is { } error)
        {
            yield return new ValidationResult(error, [nameof(QueueProcessingVisibility)]);
        }
    }
}

[OptionsValidator]
public sealed partial class LocalRuntimeOptionsValidator : IValidateOptions<LocalRuntimeOptions>;
