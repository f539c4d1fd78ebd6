namespace AiMaas.Core.Batch;

/// <summary>
/// One data row of the input: its 1-based number across all input blobs, the values of the wanted columns, or why it
/// cannot be read. When the reader was asked to parse numeric columns itself, <paramref name="Numbers"/> holds them (NaN
/// when missing) and their <paramref name="Values"/> are null, except for a value that is not a number, kept as text.
/// </summary>
public sealed record InputRow(long Number, string Blob, string?[] Values, string? Error, float[]? Numbers = null);
