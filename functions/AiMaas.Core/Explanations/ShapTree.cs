using Microsoft.ML.Trainers.FastTree;

namespace AiMaas.Core.Explanations;

/// <summary>
/// One regression tree in flat arrays, evaluated exactly as ML.NET's <c>InternalRegressionTree.GetLeaf</c> does: a
/// numerical node goes left when value ≤ threshold (so NaN goes right), a categorical node goes right when any of its
/// slots is positive. Leaf values are pre-multiplied by the ensemble's scale (1/trees for a forest that averages).
/// </summary>
internal sealed class ShapTree
{
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly int[] _slot;
    private readonly float[] _threshold;
    private readonly int[]?[] _categoricalSlots;

    private ShapTree(int[] left, int[] right, int[] slot, float[] threshold, int[]?[] categoricalSlots, int[] group, double[] leafValues, double constant)
    {
        _left = left;
        _right = right;
        _slot = slot;
        _threshold = threshold;
        _categoricalSlots = categoricalSlots;
        Group = group;
        LeafValues = leafValues;
        Constant = constant;
    }

    /// <summary>For each internal node, the input column its split reads.</summary>
    public int[] Group { get; }

    public double[] LeafValues { get; }

    public int Nodes => _left.Length;

    /// <summary>The output of a tree without splits (its contribution is all base value).</summary>
    public double Constant { get; }

    /// <summary>Null when a categorical split reads slots of more than one input column, which column-level Shapley values cannot attribute.</summary>
    public static ShapTree? Create(RegressionTreeBase tree, double scale, int[] groupOfSlot)
    {
        var nodes = tree.NumberOfNodes;
        if (nodes == 0 || tree.LeftChild.Count == 0)
        {
            // ML.NET answers 0 for a tree whose root has no children, else its only leaf.
            var constant = tree.LeftChild.Count > 0 && tree.LeftChild[0] == 0 ? 0 : tree.LeafValues.Count > 0 ? tree.LeafValues[0] * scale : 0;
            return new ShapTree([], [], [], [], [], [], [], constant);
        }

        var left = new int[nodes];
        var right = new int[nodes];
        var slot = new int[nodes];
        var threshold = new float[nodes];
        var categorical = new int[]?[nodes];
        var group = new int[nodes];
        for (var node = 0; node < nodes; node++)
        {
            left[node] = tree.LeftChild[node];
            right[node] = tree.RightChild[node];
            if (tree.CategoricalSplitFlags.Count > node && tree.CategoricalSplitFlags[node])
            {
                var slots = tree.GetCategoricalSplitFeaturesAt(node).ToArray();
                if (slots.Length == 0 || slots.Any(s => s < 0 || s >= groupOfSlot.Length || groupOfSlot[s] != groupOfSlot[slots[0]]))
                {
                    return null;
                }

                categorical[node] = slots;
                group[node] = groupOfSlot[slots[0]];
            }
            else
            {
                slot[node] = tree.NumericalSplitFeatureIndexes[node];
                threshold[node] = tree.NumericalSplitThresholds[node];
                if (slot[node] < 0 || slot[node] >= groupOfSlot.Length)
                {
                    return null;
                }

                group[node] = groupOfSlot[slot[node]];
            }
        }

        var leaves = tree.LeafValues.Select(v => v * scale).ToArray();
        return new ShapTree(left, right, slot, threshold, categorical, group, leaves, 0);
    }

    /// <summary>Whether <paramref name="features"/> goes to the right (greater) child at <paramref name="node"/>.</summary>
    public bool GoesRight(ReadOnlySpan<float> features, int node)
    {
        if (_categoricalSlots[node] is { } slots)
        {
            foreach (var s in slots)
            {
                if (features[s] > 0)
                {
                    return true;
                }
            }

            return false;
        }

        return !(features[_slot[node]] <= _threshold[node]);
    }

    public int Child(int node, bool right) => right ? _right[node] : _left[node];

    /// <summary>The leaf index the vector falls into (-1 for a tree without splits).</summary>
    public int Leaf(ReadOnlySpan<float> features)
    {
        if (Nodes == 0)
        {
            return -1;
        }

        var node = 0;
        while (node >= 0)
        {
            node = GoesRight(features, node) ? _right[node] : _left[node];
        }

        return ~node;
    }

    public double Output(int leaf) => leaf < 0 ? Constant : LeafValues[leaf];
}
