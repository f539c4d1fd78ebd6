namespace AiMaas.Core.Batch;

/// <summary>The job's input cannot be scored at all (a required column missing, not gzip, not a supported format): the job fails, not retried.</summary>
public sealed class BatchInputException(string message) : Exception(message);
