namespace AiMaas.Core.Serving;

/// <summary>The answer to a predict call; each prediction's shape depends on the model's task.</summary>
public sealed record PredictionResponse(string Model, int Version, IReadOnlyList<object> Predictions);
