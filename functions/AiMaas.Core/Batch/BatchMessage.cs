namespace AiMaas.Core.Batch;

/// <summary>The scoring queue's message: which job to run; everything else is in the job record.</summary>
public sealed record BatchMessage(string JobId);
