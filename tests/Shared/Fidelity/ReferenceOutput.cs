namespace AiMaas.Tests.Fidelity;

/// <summary>What ML.NET's own <c>Transform</c> answers for one row: the score (regression, binary), the label and the probability or the per-class probabilities.</summary>
public sealed record ReferenceOutput(float? Score, object? Label, float? Probability, IReadOnlyDictionary<string, float>? Probabilities);
