namespace AiMaas.Core.Registry;

/// <summary>
/// Permutation feature importance on the held-out rows: for each input column, how much the task's main
/// <see cref="Metric"/> drops when that column's values are shuffled between rows, averaged over
/// <see cref="Permutations"/> shuffles. <see cref="Rows"/> of the <see cref="HoldOutRows"/> held-out rows were used
/// (<see cref="Sampled"/> when fewer, a seeded sample). Columns are sorted, most important first.
/// </summary>
public sealed record FeatureImportance(
    string Metric,
    double Baseline,
    int Permutations,
    int Rows,
    int HoldOutRows,
    bool Sampled,
    int Seed,
    IReadOnlyList<ColumnImportance> Columns);
