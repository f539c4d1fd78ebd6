namespace AiMaas.Core.Training;

/// <summary>The request itself is unusable (bad data, wrong label); retrying cannot help, so the job fails at once.</summary>
public sealed class TrainingRequestException(string message) : Exception(message);
