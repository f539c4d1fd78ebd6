namespace AiMaas.Core.Explanations;

/// <summary>
/// What explaining a trained version needs from its training data, stored beside it as <c>explanations.json</c>: the
/// mean of the training rows' feature vectors (what the trees and weights see: imputed, one-hot encoded, normalised)
/// and a seeded sample of those vectors, the background TreeSHAP averages over.
/// </summary>
public sealed record ExplanationBackground(IReadOnlyList<string> Slots, float[] Mean, int Rows, float[] Vectors);
