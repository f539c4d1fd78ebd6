namespace AiMaas.Core.Registry;

/// <summary>How the dataset was divided for training and evaluation.</summary>
public sealed record SplitDescription(double TestFraction, int Seed, int TrainRows, int TestRows, int SkippedRows);
