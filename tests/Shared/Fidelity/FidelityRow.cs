namespace AiMaas.Tests.Fidelity;

/// <summary>One input row: a value per feature, a <see cref="float"/> or a <see cref="string"/>, null when missing.</summary>
public sealed record FidelityRow(IReadOnlyDictionary<string, object?> Values);
