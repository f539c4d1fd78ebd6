namespace AiMaas.Core.PredictionLog;

/// <summary>
/// One serialized log line (with its newline), the partition it belongs to (<c>{model}/{version}/{yyyy}/{MM}/{dd}/{HH}</c>)
/// and how its model's blobs are stored.
/// </summary>
public sealed record PendingRecord(string Partition, byte[] Line, LogCompression Compression);
