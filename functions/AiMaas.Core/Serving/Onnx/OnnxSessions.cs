using AiMaas.Core.Registry;
using Microsoft.ML.OnnxRuntime;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>Creates ONNX Runtime sessions the way AiMaas runs them, and reads their signature.</summary>
public static class OnnxSessions
{
    /// <summary>Operator domains ONNX Runtime implements itself; anything else needs a custom operator library, which AiMaas never loads.</summary>
    public static readonly IReadOnlySet<string> BuiltInDomains = new HashSet<string>(StringComparer.Ordinal) { "", "ai.onnx", "ai.onnx.ml", "com.microsoft" };

    /// <param name="bytes">The .onnx file.</param>
    /// <param name="intraOpThreads">Threads one Run may use; requests run concurrently on top of this.</param>
    public static InferenceSession Create(byte[] bytes, int intraOpThreads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        return new InferenceSession(bytes, options);
    }

    /// <summary>The graph's inputs and outputs, and the names of those whose type AiMaas cannot serve (maps, sequences, FP16, ...).</summary>
    public static (IReadOnlyList<OnnxTensorInfo> Inputs, IReadOnlyList<OnnxTensorInfo> Outputs, IReadOnlyList<string> Unsupported) Describe(InferenceSession session)
    {
        var unsupported = new List<string>();
        return (Read(session.InputMetadata, unsupported), Read(session.OutputMetadata, unsupported), unsupported);
    }

    private static List<OnnxTensorInfo> Read(IReadOnlyDictionary<string, NodeMetadata> nodes, List<string> unsupported)
    {
        var tensors = new List<OnnxTensorInfo>(nodes.Count);
        foreach (var (name, node) in nodes)
        {
            var datatype = node.OnnxValueType == OnnxValueType.ONNX_TYPE_TENSOR ? OnnxTypes.Datatype(node.ElementDataType) : null;
            if (datatype is null)
            {
                unsupported.Add($"'{name}' ({(node.OnnxValueType == OnnxValueType.ONNX_TYPE_TENSOR ? node.ElementDataType.ToString() : node.OnnxValueType.ToString())})");
                continue;
            }

            tensors.Add(new OnnxTensorInfo(name, datatype, node.Dimensions.Select(d => d < 0 ? -1L : d).ToArray()));
        }

        return tensors;
    }
}
