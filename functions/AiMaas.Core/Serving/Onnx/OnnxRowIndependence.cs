using AiMaas.Core.Registry;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// Decides from the graph itself whether a batch may be split along axis 0: a conservative whitelist of operators and
/// attributes that provably never mix rows (each output row depends on the same input row only). Every graph input must
/// carry the batch on a dynamic axis 0, every other operand of a row-wise operator must be a constant without that axis,
/// and every served output must be a numeric tensor carrying the batch on axis 0 with fixed other dimensions (so that the
/// chunks write into one output buffer). Anything else (an operator not listed, an attribute not understood, a subgraph,
/// a function, a value of unknown origin) means never split.
/// </summary>
public static class OnnxRowIndependence
{
    private const string Ml = "ai.onnx.ml";

    private static readonly HashSet<string> Unary = new(StringComparer.Ordinal)
    {
        "Identity", "Cast", "Relu", "Sigmoid", "Tanh", "Exp", "Log", "Abs", "Neg", "Sqrt", "Reciprocal", "Floor", "Ceil",
        "Round", "Sign", "Erf", "Softplus", "Softsign", "LeakyRelu", "Elu", "Selu", "Celu", "HardSigmoid", "HardSwish",
        "ThresholdedRelu", "Mish", "Not", "IsNaN", "IsInf", "Sin", "Cos",
    };

    private static readonly HashSet<string> ElementWise = new(StringComparer.Ordinal)
    {
        "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean", "Equal", "Greater", "Less", "GreaterOrEqual",
        "LessOrEqual", "And", "Or", "Xor", "Where", "PRelu", "Clip",
    };

    private static readonly HashSet<string> Reduce = new(StringComparer.Ordinal)
    {
        "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum",
        "ReduceLogSumExp", "ReduceSumSquare",
    };

    /// <summary>ONNX-ML operators that treat an [N, C] input as N independent rows.</summary>
    private static readonly HashSet<string> MlRowWise = new(StringComparer.Ordinal)
    {
        "Scaler", "Normalizer", "Binarizer", "Imputer", "LinearRegressor", "TreeEnsembleRegressor", "SVMRegressor",
    };

    private static readonly HashSet<string> MlClassifiers = new(StringComparer.Ordinal) { "LinearClassifier", "TreeEnsembleClassifier", "SVMClassifier" };

    public static OnnxBatchSplit Decide(byte[] model, OnnxDescription description)
    {
        if (OnnxGraphNodes.Read(model) is not { } graph)
        {
            return OnnxBatchSplit.Never("the graph could not be read");
        }

        return Decide(graph, description);
    }

    public static OnnxBatchSplit Decide(OnnxGraphNodes graph, OnnxDescription description)
    {
        if (graph.HasSparseInitializers || graph.HasFunctions)
        {
            return OnnxBatchSplit.Never(graph.HasFunctions ? "the model defines local functions" : "the graph has sparse initializers");
        }

        var flows = new Dictionary<string, OnnxFlow>(StringComparer.Ordinal);
        foreach (var (name, dims) in graph.Initializers)
        {
            flows[name] = OnnxFlow.Constant(dims);
        }

        foreach (var input in description.Inputs)
        {
            if (input.Shape.Count == 0 || input.Shape[0] != -1)
            {
                return OnnxBatchSplit.Never($"input '{input.Name}' has no dynamic batch axis 0");
            }

            if (input.Datatype == OnnxTypes.Bytes)
            {
                return OnnxBatchSplit.Never($"input '{input.Name}' is BYTES");
            }

            flows[input.Name] = OnnxFlow.Rows(input.Shape.Count);
        }

        foreach (var node in graph.Nodes)
        {
            if (Apply(node, flows, graph.DefaultOpset) is { } refused)
            {
                return OnnxBatchSplit.Never($"{node.OpType} ({(node.Domain.Length == 0 ? "ai.onnx" : node.Domain)}): {refused}");
            }
        }

        foreach (var output in description.Outputs)
        {
            if (!flows.TryGetValue(output.Name, out var flow) || !flow.Batched || flow.Rank != output.Shape.Count)
            {
                return OnnxBatchSplit.Never($"output '{output.Name}' does not carry the batch on axis 0");
            }

            if (output.Datatype == OnnxTypes.Bytes || output.Shape.Skip(1).Any(d => d < 0))
            {
                return OnnxBatchSplit.Never($"output '{output.Name}' is not a numeric tensor with fixed dimensions beyond the batch");
            }
        }

        var ops = string.Join(", ", graph.Nodes.Select(n => n.OpType).Distinct(StringComparer.Ordinal));
        return new OnnxBatchSplit(true, $"every operator keeps rows apart ({ops})");
    }

    /// <summary>Records the flows of the node's outputs; a reason when the node is not provably row-wise.</summary>
    private static string? Apply(OnnxNode node, Dictionary<string, OnnxFlow> flows, long opset)
    {
        if (node.Attributes.Values.Any(a => a.HasGraph || a.IsReference))
        {
            return "holds a subgraph or an attribute reference";
        }

        if (node.OpType.StartsWith("Random", StringComparison.Ordinal) || node.OpType is "Multinomial" or "Bernoulli")
        {
            return "draws random numbers: chunks would draw different ones";
        }

        var inputs = new List<OnnxFlow>(node.Inputs.Count);
        foreach (var name in node.Inputs)
        {
            if (name.Length == 0)
            {
                continue;
            }

            if (!flows.TryGetValue(name, out var flow))
            {
                return $"input '{name}' is of unknown origin";
            }

            inputs.Add(flow);
        }

        var (result, refused) = node.Domain switch
        {
            "" or "ai.onnx" when node.OpType == "Constant" => Constant(node),
            _ when inputs.Count == 0 => (null, "has no inputs"),
            "" or "ai.onnx" => Default(node, inputs, opset),
            Ml => MachineLearning(node, inputs),
            _ => (null, "operator domain not on the whitelist"),
        };
        if (refused is not null || result is null)
        {
            return refused ?? "not on the whitelist";
        }

        for (var i = 0; i < node.Outputs.Count; i++)
        {
            // An ONNX-ML classifier answers labels [N] first, then scores [N, E].
            flows[node.Outputs[i]] = i == 0 && node.Domain == Ml && MlClassifiers.Contains(node.OpType) ? OnnxFlow.Rows(1) : result.Value;
        }

        return null;
    }

    private static (OnnxFlow?, string?) Constant(OnnxNode node) =>
        node.Attributes.TryGetValue("value", out var value) && value.TensorDims is { } dims ? (OnnxFlow.Constant(dims.ToArray()), null)
        : node.Attributes.ContainsKey("value_float") || node.Attributes.ContainsKey("value_int") ? (OnnxFlow.Constant(0), null)
        : node.Attributes.ContainsKey("value_floats") || node.Attributes.ContainsKey("value_ints") ? (OnnxFlow.Constant(1), null)
        : (null, "a constant of a kind not understood");

    private static (OnnxFlow?, string?) Default(OnnxNode node, List<OnnxFlow> inputs, long opset)
    {
        var x = inputs[0];
        if (Unary.Contains(node.OpType))
        {
            return inputs.Count == 1 && node.Outputs.Count == 1 ? (x, null) : (null, "unexpected inputs or outputs");
        }

        if (ElementWise.Contains(node.OpType))
        {
            return Broadcast(inputs);
        }

        if (inputs.All(i => !i.Batched))
        {
            // Anything else computed from constants alone: constant, but its shape is not known here.
            return (OnnxFlow.Constant(-1), null);
        }

        switch (node.OpType)
        {
            case "Gemm":
                var c = inputs.Count > 2 ? inputs[2] : OnnxFlow.Constant(0);
                return (node.Number("transA") ?? 0) != 0 ? (null, "transA mixes rows")
                    : !x.Batched || x.Rank != 2 || inputs[1].Batched ? (null, "the batch is not the left operand A of rank 2")
                    : c.Batched || !(c.Rank is 0 or 1 || (c.Rank == 2 && c.Dims?[0] == 1)) ? (null, "C is not a constant without a batch axis")
                    : (OnnxFlow.Rows(2), null);
            case "MatMul":
                return !x.Batched || x.Rank < 2 || inputs[1].Batched || inputs[1].Rank is not (1 or 2)
                    ? (null, "the batch is not the left operand (rank ≥ 2) times a constant matrix or vector")
                    : (OnnxFlow.Rows(inputs[1].Rank == 2 ? x.Rank : x.Rank - 1), null);
            case "Softmax" or "LogSoftmax" or "Hardmax":
                // Opset 13 made the default axis -1; before, the input is coerced to 2-D at axis 1.
                return Axis(node.Number("axis") ?? (opset >= 13 ? -1 : 1), x.Rank) >= 1 ? (x, null) : (null, "normalizes over the batch axis");
            case "Flatten":
                // Axis may be the rank itself ([N] flattens to [N, 1]); only axis 1 leaves axis 0 as it is.
                return (node.Number("axis") ?? 1) is var flatten && (flatten == 1 || flatten + x.Rank == 1)
                    ? (OnnxFlow.Rows(2), null)
                    : (null, "only axis 1 keeps the batch axis as it is");
            case "ArgMax" or "ArgMin":
                return Axis(node.Number("axis") ?? 0, x.Rank) >= 1
                    ? (OnnxFlow.Rows((node.Number("keepdims") ?? 1) != 0 ? x.Rank : x.Rank - 1), null)
                    : (null, "reduces the batch axis");
            case "Concat":
                return inputs.All(i => i.Batched && i.Rank == x.Rank) && Axis(node.Number("axis") ?? 0, x.Rank) >= 1
                    ? (x, null)
                    : (null, "only batched inputs of one rank joined on an axis other than 0");
            case "Transpose":
                return node.Numbers("perm") is { Count: > 0 } perm ? (perm[0] == 0 ? (x, null) : (null, "moves the batch axis"))
                    : x.Rank == 1 ? (x, null) : (null, "the default permutation moves the batch axis");
            case "BatchNormalization":
                return opset >= 9 && (node.Number("training_mode") ?? 0) == 0 && node.Outputs.Count(o => o.Length > 0) == 1
                       && x.Batched && x.Rank >= 2 && inputs.Skip(1).All(i => !i.Batched)
                    ? (x, null)
                    : (null, "only inference mode with constant statistics keeps rows apart");
            default:
                return Reduce.Contains(node.OpType) ? Reduction(node, x, inputs) : (null, "not on the whitelist");
        }
    }

    private static (OnnxFlow?, string?) Reduction(OnnxNode node, OnnxFlow x, List<OnnxFlow> inputs)
    {
        // Axes given as an input (ReduceSum from opset 13, every reduction from 18) are not read here; no axes reduces them all.
        if (inputs.Count > 1 || node.Numbers("axes") is not { Count: > 0 } axes)
        {
            return (null, "axes not given as an attribute");
        }

        return axes.All(a => Axis(a, x.Rank) >= 1) && axes.Select(a => Axis(a, x.Rank)).Distinct().Count() == axes.Count
            ? (OnnxFlow.Rows((node.Number("keepdims") ?? 1) != 0 ? x.Rank : x.Rank - axes.Count), null)
            : (null, "reduces over the batch axis");
    }

    private static (OnnxFlow?, string?) MachineLearning(OnnxNode node, List<OnnxFlow> inputs)
    {
        var x = inputs[0];
        if (!x.Batched || x.Rank != 2 || inputs.Count != 1)
        {
            return (null, "only one batched [N, C] input");
        }

        return MlRowWise.Contains(node.OpType) || MlClassifiers.Contains(node.OpType) ? (x, null)
            : node.OpType == "ZipMap" ? (OnnxFlow.Rows(1), null)
            : (null, "not on the whitelist");
    }

    /// <summary>Element-wise with broadcasting: batched operands of one rank; constants must not reach axis 0.</summary>
    private static (OnnxFlow?, string?) Broadcast(List<OnnxFlow> inputs)
    {
        var batched = inputs.Where(i => i.Batched).ToArray();
        if (batched.Length == 0)
        {
            return (inputs.All(i => i.Rank >= 0) ? OnnxFlow.Constant(inputs.Max(i => i.Rank)) : OnnxFlow.Constant(-1), null);
        }

        var rank = batched[0].Rank;
        if (rank < 1 || batched.Any(b => b.Rank != rank))
        {
            return (null, "batched operands of different ranks would broadcast across rows");
        }

        return inputs.All(i => i.Batched || (i.Rank >= 0 && i.Rank < rank) || (i.Rank == rank && i.Dims?[0] == 1))
            ? (OnnxFlow.Rows(rank), null)
            : (null, "a constant operand of unknown shape or with an axis that reaches the batch");
    }

    /// <summary>A negative axis counted from the end; -1 when out of range.</summary>
    private static long Axis(long axis, int rank) => rank < 0 ? -1 : axis < 0 ? (axis + rank >= 0 ? axis + rank : -1) : axis < rank ? axis : -1;
}
