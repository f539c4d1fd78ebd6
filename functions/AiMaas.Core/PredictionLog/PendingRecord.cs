namespace AiMaas.Core.PredictionLog;

/// <summary>One serialized log line (with its newline) and the partition it belongs to: <c>{model}/{version}/{yyyy}/{MM}/{dd}/{HH}</c>.</summary>
public sealed record PendingRecord(string Partition, byte[] Line);
