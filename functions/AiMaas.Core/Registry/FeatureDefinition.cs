namespace AiMaas.Core.Registry;

/// <summary>One input a model expects in every prediction instance.</summary>
public sealed record FeatureDefinition(string Name, ColumnKind Type);
