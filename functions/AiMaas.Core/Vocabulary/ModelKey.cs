namespace AiMaas.Core.Vocabulary;

public readonly record struct ModelKey(string Model, int Version);
