namespace AiMaas.Core.Vocabulary;

/// <summary>One immutable version of a model, as the model cache and loader key it; a <see cref="ModelReference"/> may instead name an alias.</summary>
public readonly record struct VersionKey(string Model, int Version);
