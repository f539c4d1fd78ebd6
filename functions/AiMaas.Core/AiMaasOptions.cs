using System.ComponentModel.DataAnnotations;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace AiMaas.Core;

/// <summary>Platform settings, bound from the <c>AiMaas</c> configuration section.</summary>
public sealed class AiMaasOptions
{
    public const string SectionName = "AiMaas";

    /// <summary>The setting that names the training queue; the queue trigger resolves the same one as <c>%AIMAAS_TRAINING_QUEUE%</c>.</summary>
    public const string TrainingQueueSetting = "AIMAAS_TRAINING_QUEUE";

    /// <summary>The connection (a connection string, or a section with service URIs) used for AiMaas's own storage.</summary>
    public const string StorageConnectionName = "AzureWebJobsStorage";

    /// <summary>At most 56 characters, so that its poison queue's name (plus "-poison") is still a valid queue name.</summary>
    /// <remarks>
    /// Set only from <see cref="TrainingQueueSetting"/>, the one setting the queue trigger also reads; the key name keeps
    /// the binder of the <c>AiMaas</c> section from offering a second, ignored <c>AiMaas:TrainingQueue</c>.
    /// </remarks>
    [ConfigurationKeyName(TrainingQueueSetting)]
    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,55}$")]
    public string TrainingQueue { get; set; } = "";

    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$")]
    public string DatasetsContainer { get; set; } = "datasets";

    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$")]
    public string ModelsContainer { get; set; } = "models";

    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$")]
    public string JobsContainer { get; set; } = "jobs";

    /// <summary>How messages on the training queue are encoded; the function app sets it from host.json so producer and trigger agree.</summary>
    public QueueMessageEncoding TrainingQueueEncoding { get; set; } = QueueMessageEncoding.None;

    /// <summary>Largest dataset accepted, in bytes; datasets are streamed, so this bounds disk and time, not memory.</summary>
    [Range(1024, 1L << 40)]
    public long MaxDatasetBytes { get; set; } = 10L * 1024 * 1024 * 1024;

    /// <summary>Largest inline CSV in a training message; queue messages are limited to 64 KiB.</summary>
    [Range(1, 48 * 1024)]
    public int MaxInlineCsvBytes { get; set; } = 48 * 1024;

    /// <summary>How long what an alias (any alias, <c>current</c> included) points at is reused before storage is asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan AliasCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed for the train/test split and the trainers, so that retraining the same data gives the same model.</summary>
    public int TrainingSeed { get; set; } = 42;

    [Range(0.05, 0.5)]
    public double TestFraction { get; set; } = 0.2;

    /// <summary>Largest model zip accepted by upload, in bytes.</summary>
    [Range(1024, 1L << 31)]
    public long MaxModelUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Largest total size a model zip may expand to, guarding against zip bombs.</summary>
    [Range(1024, 1L << 34)]
    public long MaxModelExpandedBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>When above 0, after each training only this many of the newest versions that no alias points at are kept.</summary>
    [Range(0, 10_000)]
    public int RetainVersions { get; set; }

    /// <summary>Fewest data rows a dataset needs to be trained on.</summary>
    [Range(2, 1_000_000)]
    public int MinTrainingRows { get; set; } = 10;
}
