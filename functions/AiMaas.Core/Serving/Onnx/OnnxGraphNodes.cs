using Google.Protobuf;
using static AiMaas.Core.Serving.Onnx.OnnxWire;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// The main graph of an ONNX <c>ModelProto</c> as the batch analysis needs it: its nodes in order, the dimensions of its
/// initializers, whether it has sparse initializers or local functions, and its opsets. Walks the protobuf wire format.
/// </summary>
public sealed record OnnxGraphNodes(
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyDictionary<string, long[]> Initializers,
    bool HasSparseInitializers,
    bool HasFunctions,
    IReadOnlyDictionary<string, long> Opsets)
{
    /// <summary>The graph, or null when the bytes are not an ONNX model protobuf.</summary>
    public static OnnxGraphNodes? Read(byte[] bytes)
    {
        try
        {
            var nodes = new List<OnnxNode>();
            var initializers = new Dictionary<string, long[]>(StringComparer.Ordinal);
            var opsets = new Dictionary<string, long>(StringComparer.Ordinal);
            var (sparse, functions, graph) = (false, false, false);
            var input = new CodedInputStream(bytes);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 7 when IsLengthDelimited(tag):
                        graph = true;
                        sparse = ReadGraph(Sub(input), nodes, initializers);
                        break;
                    case 8 when IsLengthDelimited(tag):
                        var (domain, version) = ReadOpset(Sub(input));
                        opsets[domain] = version;
                        break;
                    case 25:
                        functions = true;
                        input.SkipLastField();
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }

            return graph ? new OnnxGraphNodes(nodes, initializers, sparse, functions, opsets) : null;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>The version of the default (ai.onnx) operator set; 0 when none is imported.</summary>
    public long DefaultOpset => Opsets.TryGetValue("", out var v) || Opsets.TryGetValue("ai.onnx", out v) ? v : 0;

    /// <summary>Reads nodes and initializers; answers whether the graph has sparse initializers.</summary>
    private static bool ReadGraph(CodedInputStream input, List<OnnxNode> nodes, Dictionary<string, long[]> initializers)
    {
        var sparse = false;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when IsLengthDelimited(tag):
                    nodes.Add(ReadNode(Sub(input)));
                    break;
                case 5 when IsLengthDelimited(tag):
                    var (name, dims) = ReadTensor(Sub(input));
                    initializers[name] = dims;
                    break;
                case 15:
                    sparse = true;
                    input.SkipLastField();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return sparse;
    }

    private static OnnxNode ReadNode(CodedInputStream input)
    {
        var (inputs, outputs, attributes) = (new List<string>(), new List<string>(), new Dictionary<string, OnnxAttributeValue>(StringComparer.Ordinal));
        var (op, domain) = ("", "");
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when IsLengthDelimited(tag):
                    inputs.Add(input.ReadString());
                    break;
                case 2 when IsLengthDelimited(tag):
                    outputs.Add(input.ReadString());
                    break;
                case 4 when IsLengthDelimited(tag):
                    op = input.ReadString();
                    break;
                case 7 when IsLengthDelimited(tag):
                    domain = input.ReadString();
                    break;
                case 5 when IsLengthDelimited(tag):
                    var (name, attribute) = ReadAttribute(Sub(input));
                    attributes[name] = attribute;
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new OnnxNode(op, domain, inputs, outputs, attributes);
    }

    private static (string Name, OnnxAttributeValue Attribute) ReadAttribute(CodedInputStream input)
    {
        var name = "";
        long? value = null;
        List<long>? ints = null;
        long[]? dims = null;
        var (graph, reference) = (false, false);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when IsLengthDelimited(tag):
                    name = input.ReadString();
                    break;
                case 3 when !IsLengthDelimited(tag):
                    value = input.ReadInt64();
                    break;
                case 5 when IsLengthDelimited(tag):
                    dims = ReadTensor(Sub(input)).Dims;
                    break;
                case 6 or 11:
                    graph = true;
                    input.SkipLastField();
                    break;
                case 8:
                    ReadInts(input, tag, ints ??= []);
                    break;
                case 21:
                    reference = true;
                    input.SkipLastField();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (name, new OnnxAttributeValue(value, ints, dims, graph, reference));
    }

    private static (string Name, long[] Dims) ReadTensor(CodedInputStream input)
    {
        var name = "";
        var dims = new List<long>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    ReadInts(input, tag, dims);
                    break;
                case 8 when IsLengthDelimited(tag):
                    name = input.ReadString();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (name, dims.ToArray());
    }

    /// <summary>A repeated int64 field, packed or not.</summary>
    private static void ReadInts(CodedInputStream input, uint tag, List<long> into)
    {
        if (!IsLengthDelimited(tag))
        {
            into.Add(input.ReadInt64());
            return;
        }

        var packed = Sub(input);
        while (!packed.IsAtEnd)
        {
            into.Add(packed.ReadInt64());
        }
    }
}
