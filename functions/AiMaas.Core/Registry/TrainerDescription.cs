namespace AiMaas.Core.Registry;

/// <summary>Which ML.NET trainer produced a model and with which options, for lineage.</summary>
public sealed record TrainerDescription(string Name, IReadOnlyDictionary<string, object> Options);
