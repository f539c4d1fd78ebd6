namespace AiMaas.Core.Registry;

/// <summary>One input column's importance: the mean drop of the metric when it is shuffled (higher is more important) and its standard deviation over the shuffles.</summary>
public sealed record ColumnImportance(string Column, double Importance, double StandardDeviation);
