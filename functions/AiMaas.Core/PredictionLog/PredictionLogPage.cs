using System.Text.Json;

namespace AiMaas.Core.PredictionLog;

/// <summary>Logged records, newest first, and the token for the next (older) page when there may be one.</summary>
public sealed record PredictionLogPage(string Model, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<JsonElement> Records, string? ContinuationToken);
