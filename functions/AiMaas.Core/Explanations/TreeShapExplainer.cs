namespace AiMaas.Core.Explanations;

/// <summary>
/// Exact interventional TreeSHAP (Lundberg et al., 2020) of a tree ensemble's raw score over a background sample of
/// training feature vectors, with the input columns as players: the Shapley values of f(x_S, z_rest) averaged over
/// the background rows z. For each pair (x, z) a tree is walked once, branching only where x and z part ways on a
/// column not yet decided; a leaf reached with columns A taken from x and B from z adds
/// v·(|A|−1)!|B|!/(|A|+|B|)! to each column of A and subtracts v·|A|!(|B|−1)!/(|A|+|B|)! from each of B.
/// The contributions add up to f(x) − mean f(z) exactly.
/// </summary>
internal sealed class TreeShapExplainer : IFeatureExplainer
{
    private readonly ShapTree[] _trees;
    private readonly int _columns;
    private readonly int _backgroundRows;

    // Per tree: the background rows' direction at each node ([node * rows + row]) and the leaf each reaches.
    private readonly bool[][] _backgroundRight;
    private readonly int[][] _backgroundLeaf;
    private readonly double[] _baseValue;

    // Weights[a, b] = a! b! / (a + b + 1)!, for a leaf reached with a + 1 columns from one side and b from the other.
    private readonly double[,] _weights;

    public TreeShapExplainer(ShapTree[] trees, float[] background, int backgroundRows, int slots, int columns)
    {
        _trees = trees;
        _columns = columns;
        _backgroundRows = backgroundRows;
        _backgroundRight = new bool[trees.Length][];
        _backgroundLeaf = new int[trees.Length][];
        double baseValue = 0;
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = trees[t];
            _backgroundRight[t] = new bool[tree.Nodes * backgroundRows];
            _backgroundLeaf[t] = new int[backgroundRows];
            for (var row = 0; row < backgroundRows; row++)
            {
                var z = background.AsSpan(row * slots, slots);
                for (var node = 0; node < tree.Nodes; node++)
                {
                    _backgroundRight[t][(node * backgroundRows) + row] = tree.GoesRight(z, node);
                }

                _backgroundLeaf[t][row] = tree.Leaf(z);
                baseValue += tree.Output(_backgroundLeaf[t][row]);
            }
        }

        _baseValue = [baseValue / backgroundRows];
        var depth = Math.Max(1, columns) + 1;
        _weights = new double[depth, depth];
        for (var a = 0; a < depth; a++)
        {
            for (var b = 0; a + b < depth; b++)
            {
                // a! b! / (a + b + 1)! built as a product to stay finite for many columns.
                double w = 1.0 / (a + b + 1);
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

    public void Explain(ReadOnlySpan<float> features, Span<double> contributions, Span<double> raw)
    {
        contributions[.._columns].Clear();
        var phi = new double[_columns];
        var state = new byte[_columns];
        var inX = new int[_columns];
        var inZ = new int[_columns];
        double score = 0;
        for (var t = 0; t < _trees.Length; t++)
        {
            var tree = _trees[t];
            var xLeaf = tree.Leaf(features);
            score += tree.Output(xLeaf);
            if (tree.Nodes == 0)
            {
                continue;
            }

            var xRight = new bool[tree.Nodes];
            for (var node = 0; node < tree.Nodes; node++)
            {
                xRight[node] = tree.GoesRight(features, node);
            }

            var walk = new Walk(tree, xRight, _backgroundRight[t], _backgroundRows, state, inX, inZ, phi, _weights);
            for (var row = 0; row < _backgroundRows; row++)
            {
                // A background row that ends in x's leaf agreed with x at every node on the way: it adds nothing.
                if (_backgroundLeaf[t][row] != xLeaf)
                {
                    walk.Run(row);
                }
            }
        }

        for (var c = 0; c < _columns; c++)
        {
            contributions[c] = phi[c] / _backgroundRows;
        }

        raw[0] = score;
    }

    /// <summary>The recursive walk of one tree for one (x, z) pair, with the columns decided so far in <c>state</c> (1: from x, 2: from z).</summary>
    private readonly struct Walk(ShapTree tree, bool[] xRight, bool[] zRight, int rows, byte[] state, int[] inX, int[] inZ, double[] phi, double[,] weights)
    {
        public void Run(int row) => Visit(0, row, 0, 0);

        private void Visit(int node, int row, int nx, int nz)
        {
            while (node >= 0)
            {
                var dx = xRight[node];
                var dz = zRight[(node * rows) + row];
                if (dx == dz)
                {
                    node = tree.Child(node, dx);
                    continue;
                }

                var group = tree.Group[node];
                switch (state[group])
                {
                    case 1:
                        node = tree.Child(node, dx);
                        continue;
                    case 2:
                        node = tree.Child(node, dz);
                        continue;
                }

                state[group] = 1;
                inX[nx] = group;
                Visit(tree.Child(node, dx), row, nx + 1, nz);
                state[group] = 2;
                inZ[nz] = group;
                Visit(tree.Child(node, dz), row, nx, nz + 1);
                state[group] = 0;
                return;
            }

            var value = tree.LeafValues[~node];
            if (nx > 0)
            {
                var gain = value * weights[nx - 1, nz];
                for (var i = 0; i < nx; i++)
                {
                    phi[inX[i]] += gain;
                }
            }

            if (nz > 0)
            {
                var loss = value * weights[nx, nz - 1];
                for (var i = 0; i < nz; i++)
                {
                    phi[inZ[i]] -= loss;
                }
            }
        }
    }
}
