namespace AiMaas.Core.Datasets;

/// <summary>A dataset copied to a local temporary file (decompressed if it was gzip): the caller deletes <see cref="Path"/>.</summary>
public sealed record DownloadedDataset(string Path, string Sha256, long SizeBytes, DateTimeOffset? LastModified);
