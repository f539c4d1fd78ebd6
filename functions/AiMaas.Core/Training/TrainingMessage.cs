namespace AiMaas.Core.Training;

/// <summary>A training message as delivered by a queue: its body, its stable id and how many times it has been delivered.</summary>
public sealed record TrainingMessage(string Body, string MessageId, long DequeueCount, int MaxDequeueCount);
