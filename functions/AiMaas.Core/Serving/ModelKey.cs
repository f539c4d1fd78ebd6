namespace AiMaas.Core.Serving;

public readonly record struct ModelKey(string Model, int Version);
