namespace AiMaas.Core.Datasets;

public sealed record ColumnProfile(string Name, ColumnKind Type, int Missing, int Distinct);
