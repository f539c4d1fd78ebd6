namespace AiMaas.Core.Explanations;

/// <summary>
/// One leaf of a tree as TreeSHAP needs it: the input columns its path tests (each once, however often it is split on),
/// the conditions on the way (node, direction, index of the column in <see cref="Columns"/>), and the background rows
/// grouped by which of those columns' conditions they satisfy (a bit mask over <see cref="Columns"/>, with a count).
/// </summary>
internal sealed record ShapLeaf(int Leaf, double Value, int[] Columns, (int Node, bool Right, int Column)[] Conditions, ulong[] BackgroundMasks, int[] BackgroundCounts)
{
    /// <summary>
    /// For a path over few columns, the contributions for every possible mask of x ([mask × columns + column]), summed
    /// over the background groups when the explainer is built; null for longer paths, explained group by group.
    /// </summary>
    public double[]? Table { get; init; }

    public ulong All => Columns.Length == 64 ? ulong.MaxValue : (1UL << Columns.Length) - 1;

    /// <summary>The columns whose conditions on the way to this leaf a vector satisfies, given its direction at every node.</summary>
    public ulong Satisfied(ReadOnlySpan<bool> right)
    {
        var mask = All;
        foreach (var (node, direction, column) in Conditions)
        {
            if (right[node] != direction)
            {
                mask &= ~(1UL << column);
            }
        }

        return mask;
    }
}
