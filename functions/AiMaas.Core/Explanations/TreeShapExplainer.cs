using System.Numerics;

namespace AiMaas.Core.Explanations;

/// <summary>
/// Exact interventional TreeSHAP (Lundberg et al., 2020) of a tree ensemble's raw score over a background sample of
/// training feature vectors, with the input columns as players: the Shapley values of v(S) = mean over the background
/// rows z of f(x on S, z elsewhere). A leaf is reached by such a mix exactly when every column its path tests takes its
/// value from a row that passes that column's conditions; so for a pair (x, z) only the columns A passed by x alone and
/// B passed by z alone matter (the leaf is out of reach if a column is passed by neither), and the leaf adds
/// v·(|A|−1)!|B|!/(|A|+|B|)! to each column of A and −v·|A|!(|B|−1)!/(|A|+|B|)! to each of B. Background rows are grouped
/// per leaf by what they pass when the explainer is built, so explaining a row costs trees × leaves × distinct groups,
/// not trees × background rows × nodes. The contributions add up to f(x) − mean f(z) exactly.
/// </summary>
internal sealed class TreeShapExplainer : IFeatureExplainer
{
    private readonly ShapTree[] _trees;
    private readonly ShapLeaf[][] _leaves;
    private readonly int _columns;
    private readonly int _backgroundRows;
    private readonly int _maxNodes;
    private readonly double[] _baseValue;

    // Paths over at most this many columns get a table of their contributions for every mask of x (at most 64 × 6 values).
    private const int TabulatedColumns = 6;

    // Weights[a, b] = a! b! / (a + b + 1)!, for a leaf reached with a + 1 columns from one side and b from the other.
    private readonly double[,] _weights;

    private TreeShapExplainer(ShapTree[] trees, ShapLeaf[][] leaves, int backgroundRows, int columns, double baseValue, int maxPathColumns)
    {
        _trees = trees;
        _leaves = leaves;
        _columns = columns;
        _backgroundRows = backgroundRows;
        _maxNodes = trees.Max(t => t.Nodes);
        _baseValue = [baseValue];
        var size = maxPathColumns + 2;
        _weights = new double[size, size];
        for (var a = 0; a < size; a++)
        {
            for (var b = 0; a + b < size; b++)
            {
                // a! b! / (a + b + 1)! as a product, finite for long paths.
                var w = 1.0 / (a + b + 1);
                for (var k = 1; k <= b; k++)
                {
                    w *= (double)k / (a + k);
                }

                _weights[a, b] = w;
            }
        }
    }

    public int Outputs => 1;

    public string Method => ExplanationMethods.TreeShap;

    public IReadOnlyList<double> BaseValues => _baseValue;

    /// <summary>Null when a path tests more than 64 distinct columns (beyond the bit masks).</summary>
    public static TreeShapExplainer? Create(ShapTree[] trees, float[] background, int backgroundRows, int slots, int columns)
    {
        if (trees.Length == 0 || backgroundRows == 0)
        {
            return null;
        }

        var leaves = new ShapLeaf[trees.Length][];
        double baseValue = 0;
        var maxPathColumns = 1;
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = trees[t];
            var paths = Paths(tree);
            if (paths is null)
            {
                return null;
            }

            var right = new bool[tree.Nodes];
            var groups = paths.Select(_ => new Dictionary<ulong, int>()).ToArray();
            for (var row = 0; row < backgroundRows; row++)
            {
                var z = background.AsSpan(row * slots, slots);
                for (var node = 0; node < tree.Nodes; node++)
                {
                    right[node] = tree.GoesRight(z, node);
                }

                baseValue += tree.Output(tree.Leaf(z));
                for (var l = 0; l < paths.Length; l++)
                {
                    var mask = paths[l].Satisfied(right);
                    groups[l][mask] = groups[l].GetValueOrDefault(mask) + 1;
                }
            }

            leaves[t] = paths.Select((p, l) => p with { BackgroundMasks = groups[l].Keys.ToArray(), BackgroundCounts = groups[l].Values.ToArray() }).ToArray();
            maxPathColumns = Math.Max(maxPathColumns, paths.Length == 0 ? 0 : paths.Max(p => p.Columns.Length));
        }

        var explainer = new TreeShapExplainer(trees, leaves, backgroundRows, columns, baseValue / backgroundRows, maxPathColumns);
        for (var t = 0; t < leaves.Length; t++)
        {
            leaves[t] = leaves[t].Select(l => l.Columns.Length <= TabulatedColumns ? l with { Table = explainer.Tabulate(l) } : l).ToArray();
        }

        return explainer;
    }

    private double[] Tabulate(ShapLeaf leaf)
    {
        var k = leaf.Columns.Length;
        var table = new double[(1 << k) * k];
        for (var x = 0UL; x < (1UL << k); x++)
        {
            AddGroups(leaf, x, table.AsSpan((int)x * k, k), identity: true);
        }

        return table;
    }

    /// <summary>Adds the leaf's contributions for x's mask, over every background group, to <paramref name="phi"/> (indexed by input column, or by path column when <paramref name="identity"/>).</summary>
    private void AddGroups(ShapLeaf leaf, ulong x, Span<double> phi, bool identity)
    {
        var all = leaf.All;
        for (var g = 0; g < leaf.BackgroundMasks.Length; g++)
        {
            var z = leaf.BackgroundMasks[g];
            if ((x | z) != all)
            {
                continue;
            }

            var onlyX = x & ~z;
            var onlyZ = z & ~x;
            var a = BitOperations.PopCount(onlyX);
            var b = BitOperations.PopCount(onlyZ);
            if (a + b == 0)
            {
                continue;
            }

            var value = leaf.Value * leaf.BackgroundCounts[g];
            if (a > 0)
            {
                Add(phi, identity ? null : leaf.Columns, onlyX, value * _weights[a - 1, b]);
            }

            if (b > 0)
            {
                Add(phi, identity ? null : leaf.Columns, onlyZ, -value * _weights[a, b - 1]);
            }
        }
    }

    public void Explain(ReadOnlySpan<float> features, Span<double> contributions, Span<double> raw)
    {
        var phi = contributions[.._columns];
        phi.Clear();
        Span<bool> right = _maxNodes <= 512 ? stackalloc bool[_maxNodes] : new bool[_maxNodes];
        double score = 0;
        for (var t = 0; t < _trees.Length; t++)
        {
            var tree = _trees[t];
            score += tree.Output(tree.Leaf(features));
            for (var node = 0; node < tree.Nodes; node++)
            {
                right[node] = tree.GoesRight(features, node);
            }

            foreach (var leaf in _leaves[t])
            {
                var x = leaf.Satisfied(right);
                if (leaf.Table is { } table)
                {
                    var k = leaf.Columns.Length;
                    var offset = (int)x * k;
                    for (var j = 0; j < k; j++)
                    {
                        phi[leaf.Columns[j]] += table[offset + j];
                    }
                }
                else
                {
                    AddGroups(leaf, x, phi, identity: false);
                }
            }
        }

        for (var c = 0; c < _columns; c++)
        {
            phi[c] /= _backgroundRows;
        }

        raw[0] = score;
    }

    private static void Add(Span<double> phi, int[]? columns, ulong mask, double amount)
    {
        while (mask != 0)
        {
            var bit = BitOperations.TrailingZeroCount(mask);
            phi[columns is null ? bit : columns[bit]] += amount;
            mask &= mask - 1;
        }
    }

    /// <summary>Every root-to-leaf path of the tree, with the distinct columns it tests; null beyond 64 columns on a path.</summary>
    private static ShapLeaf[]? Paths(ShapTree tree)
    {
        if (tree.Nodes == 0)
        {
            return [];
        }

        var leaves = new List<ShapLeaf>();
        var conditions = new List<(int Node, bool Right, int Group)>();
        var tooLong = false;

        void Visit(int node)
        {
            if (node < 0)
            {
                var columns = conditions.Select(c => c.Group).Distinct().ToArray();
                if (columns.Length > 64)
                {
                    tooLong = true;
                    return;
                }

                var path = conditions.Select(c => (c.Node, c.Right, Array.IndexOf(columns, c.Group))).ToArray();
                leaves.Add(new ShapLeaf(~node, tree.LeafValues[~node], columns, path, [], []));
                return;
            }

            foreach (var direction in new[] { false, true })
            {
                conditions.Add((node, direction, tree.Group[node]));
                Visit(tree.Child(node, direction));
                conditions.RemoveAt(conditions.Count - 1);
            }
        }

        Visit(0);
        return tooLong ? null : leaves.ToArray();
    }
}
