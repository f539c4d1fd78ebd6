using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace AiMaas.Core.Access;

/// <summary>Access control and audit settings, bound from <c>AiMaas:Access</c>.</summary>
public sealed class AccessOptions
{
    public const string SectionName = "AiMaas:Access";

    /// <summary>The setting holding the admin ("host") key; the local runtime reads the same one.</summary>
    public const string HostKeySetting = "AIMAAS_HOST_KEY";

    /// <summary>The admin key accepted in <c>x-functions-key</c> or <c>?code=</c>; empty accepts none.</summary>
    /// <remarks>Set only from <see cref="HostKeySetting"/>; the key name keeps the section's binder from offering a second <c>AiMaas:Access:HostKey</c>.</remarks>
    [ConfigurationKeyName(HostKeySetting)]
    public string HostKey { get; set; } = "";

    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$")]
    public string KeysContainer { get; set; } = "keys";

    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$")]
    public string AuditContainer { get; set; } = "audit";

    /// <summary>How long a key read from storage is trusted; at most 5 s so that a revocation reaches every instance in time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Trust the <c>x-ms-client-principal</c> header. Only App Service authentication may set it (it strips the header from
    /// clients), so this must be on only where that is enabled; anywhere else the header could be forged.
    /// </summary>
    public bool TrustClientPrincipal { get; set; }

    /// <summary>Audit records waiting to be written; beyond it the oldest are dropped and counted, so requests never wait.</summary>
    [Range(16, 1_000_000)]
    public int AuditBufferCapacity { get; set; } = 10_000;

    /// <summary>How often buffered audit records are appended to storage.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan AuditFlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
