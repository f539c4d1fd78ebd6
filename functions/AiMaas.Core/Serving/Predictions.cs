namespace AiMaas.Core.Serving;

public sealed record RegressionPrediction(float Score);

public sealed record BinaryPrediction(bool Label, float Probability, float Score);

public sealed record MulticlassPrediction(string Label, IReadOnlyDictionary<string, float> Probabilities);
