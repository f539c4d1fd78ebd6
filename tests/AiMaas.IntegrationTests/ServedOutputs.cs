using System.Text.Json;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Fidelity;

namespace AiMaas.IntegrationTests;

/// <summary>Reads each protocol's response body into per-row outputs comparable with ML.NET's reference.</summary>
internal static class ServedOutputs
{
    /// <summary>The AiMaas API's <c>{"predictions": [...]}</c>, and KServe V1's, whose regression predictions are bare numbers.</summary>
    public static IReadOnlyList<ReferenceOutput> FromPredictions(JsonElement body) =>
        body.GetProperty("predictions").EnumerateArray().Select(p => p.ValueKind is JsonValueKind.Number or JsonValueKind.String
            ? new ReferenceOutput(Float(p), null, null, null)
            : new ReferenceOutput(
                p.TryGetProperty("score", out var score) ? Float(score) : null,
                p.TryGetProperty("label", out var label) ? (label.ValueKind == JsonValueKind.String ? label.GetString() : label.GetBoolean()) : null,
                p.TryGetProperty("probability", out var probability) ? Float(probability) : null,
                p.TryGetProperty("probabilities", out var probabilities) ? probabilities.EnumerateObject().ToDictionary(c => c.Name, c => Float(c.Value)) : null))
            .ToArray();

    /// <summary>Open Inference V2's output tensors: score, label, probability, or a [batch, classes] probabilities tensor with its class order.</summary>
    public static IReadOnlyList<ReferenceOutput> FromTensors(JsonElement body, TaskKind task, int rows)
    {
        var tensors = body.GetProperty("outputs").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t);
        float[] Floats(string name) => Flatten(tensors[name].GetProperty("data")).Select(Float).ToArray();
        JsonElement[] Values(string name) => Flatten(tensors[name].GetProperty("data")).ToArray();
        switch (task)
        {
            case TaskKind.Regression:
                return Floats("score").Select(s => new ReferenceOutput(s, null, null, null)).ToArray();
            case TaskKind.Binary:
                {
                    var (scores, labels, probabilities) = (Floats("score"), Values("label"), Floats("probability"));
                    return Enumerable.Range(0, rows).Select(i => new ReferenceOutput(scores[i], labels[i].GetBoolean(), probabilities[i], null)).ToArray();
                }

            default:
                {
                    var labels = Values("label");
                    var probabilities = Floats("probabilities");
                    var classes = JsonSerializer.Deserialize<string[]>(tensors["probabilities"].GetProperty("parameters").GetProperty("classes").GetString()!)!;
                    return Enumerable.Range(0, rows).Select(i => new ReferenceOutput(
                        null,
                        labels[i].GetString(),
                        null,
                        classes.Select((c, k) => (c, probabilities[(i * classes.Length) + k])).ToDictionary(p => p.c, p => p.Item2))).ToArray();
                }
        }
    }

    /// <summary>A number, or the named literals the API writes for values JSON cannot hold ("Infinity", "NaN").</summary>
    private static float Float(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? float.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        : (float)value.GetDouble();

    private static IEnumerable<JsonElement> Flatten(JsonElement data) =>
        data.ValueKind == JsonValueKind.Array ? data.EnumerateArray().SelectMany(Flatten) : [data];
}
