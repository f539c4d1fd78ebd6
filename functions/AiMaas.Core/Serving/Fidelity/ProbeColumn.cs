namespace AiMaas.Core.Serving.Fidelity;

/// <summary>One input column of a probe: numbers (null for missing) or text (empty for missing).</summary>
public sealed record ProbeColumn(string Name, float?[]? Numbers, string[]? Texts);
