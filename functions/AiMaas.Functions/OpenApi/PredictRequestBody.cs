using System.Text.Json;

namespace AiMaas.Functions.OpenApi;

/// <summary>The predict body as documentation: one object per row, feature name to value (a model's own document types them).</summary>
public sealed record PredictRequestBody(IReadOnlyList<IReadOnlyDictionary<string, JsonElement?>> Instances);
