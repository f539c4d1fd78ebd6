namespace AiMaas.Core.Batch;

/// <summary>One data row of the input: its 1-based number across all input blobs, the values of the wanted columns, or why it cannot be read.</summary>
public sealed record InputRow(long Number, string Blob, string?[] Values, string? Error);
