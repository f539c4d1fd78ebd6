namespace AiMaas.Core.Batch;

/// <summary>The body of <c>POST /api/models/{model}/batch</c>.</summary>
public sealed record BatchRequest(string? Input, IReadOnlyList<string?>? KeepColumns, int? ErrorThreshold, string? JobId);
