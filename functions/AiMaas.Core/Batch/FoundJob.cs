using AiMaas.Core.Jobs;

namespace AiMaas.Core.Batch;

/// <summary>A job found by its id: a training job or a batch scoring job (exactly one is set).</summary>
public sealed record FoundJob(JobRecord? Training, BatchJob? Scoring);
