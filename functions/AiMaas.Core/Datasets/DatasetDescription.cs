namespace AiMaas.Core.Datasets;

public sealed record DatasetDescription(
    string Name,
    long Rows,
    IReadOnlyList<ColumnProfile> Columns,
    string Sha256,
    long SizeBytes,
    DateTimeOffset? LastModified);
