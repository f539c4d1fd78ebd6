using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiMaas.Bench.BareKestrel;

public sealed record LinearWeights(IReadOnlyList<string> Features, IReadOnlyList<double> Weights, double Bias);

public sealed record PredictRequest(IReadOnlyList<Instance> Instances);

public sealed record Instance(float? F0, float? F1, float? F2, float? F3, float? F4, float? F5, float? F6, float? F7, float? F8, float? F9);

public sealed record ScorePrediction(float Score);

public sealed record PredictResponse(IReadOnlyList<ScorePrediction> Predictions);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LinearWeights))]
[JsonSerializable(typeof(PredictRequest))]
[JsonSerializable(typeof(PredictResponse))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
