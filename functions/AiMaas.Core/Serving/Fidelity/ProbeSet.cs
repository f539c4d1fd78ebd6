namespace AiMaas.Core.Serving.Fidelity;

/// <summary>
/// A few input rows of a version with the outputs the model gave for them when it was stored (<c>probe.json</c>).
/// Held-out rows for trained versions, rows across value regimes for uploaded ones.
/// </summary>
public sealed record ProbeSet(int Rows, IReadOnlyList<ProbeColumn> Inputs, ProbeOutputs Expected);
