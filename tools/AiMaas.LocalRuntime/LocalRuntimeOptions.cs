using System.ComponentModel.DataAnnotations;
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
}

[OptionsValidator]
public sealed partial class LocalRuntimeOptionsValidator : IValidateOptions<LocalRuntimeOptions>;
