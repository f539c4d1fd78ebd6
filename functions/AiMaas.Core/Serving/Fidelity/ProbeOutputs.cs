using System.Text.Json.Serialization;

namespace AiMaas.Core.Serving.Fidelity;

/// <summary>The outputs ML.NET's own <c>Transform</c> gave for the probe rows, column by column as in a scored batch.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record ProbeOutputs(float[]? Scores, bool[]? BinaryLabels, float[]? Probabilities, string[]? ClassLabels);
