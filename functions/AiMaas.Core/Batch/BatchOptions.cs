using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace AiMaas.Core.Batch;

/// <summary>Settings of batch scoring jobs, bound from <c>AiMaas:Batch</c>; the queue's name from <c>AIMAAS_SCORING_QUEUE</c>.</summary>
public sealed class BatchOptions
{
    public const string SectionName = "AiMaas:Batch";

    /// <summary>The setting that names the scoring queue; the queue trigger resolves the same one as <c>%AIMAAS_SCORING_QUEUE%</c>.</summary>
    public const string ScoringQueueSetting = "AIMAAS_SCORING_QUEUE";

    /// <summary>At most 56 characters, so that its poison queue's name (plus "-poison") is still a valid queue name.</summary>
    /// <remarks>Set only from <see cref="ScoringQueueSetting"/>, which the queue trigger reads too (see <see cref="AiMaasOptions.TrainingQueue"/>).</remarks>
    [ConfigurationKeyName(ScoringQueueSetting)]
    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,55}$")]
    public string ScoringQueue { get; set; } = "scoring-requests";

    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$")]
    public string ResultsContainer { get; set; } = "results";

    /// <summary>Rows scored and committed together; a job killed mid-way resumes after its last committed chunk.</summary>
    [Range(1, 1_000_000)]
    public int ChunkRows { get; set; } = 100_000;

    /// <summary>Most blobs an input prefix may match.</summary>
    [Range(1, 100_000)]
    public int MaxInputBlobs { get; set; } = 1000;
}
