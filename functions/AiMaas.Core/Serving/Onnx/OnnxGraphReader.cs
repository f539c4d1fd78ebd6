using Google.Protobuf;
using static AiMaas.Core.Serving.Onnx.OnnxWire;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// Reads the few fields of an ONNX <c>ModelProto</c> the upload checks need (opsets, producer, operator domains, tensors
/// stored in external files), walking the protobuf wire format directly and skipping everything else, subgraphs included.
/// </summary>
public static class OnnxGraphReader
{
    /// <summary>The facts, or null when the bytes are not an ONNX model protobuf.</summary>
    public static OnnxGraphFacts? Read(byte[] bytes)
    {
        try
        {
            var state = new State();
            ReadModel(new CodedInputStream(bytes), state);
            return state.HasGraph
                ? new OnnxGraphFacts(state.IrVersion, state.Producer, state.ProducerVersion, state.Opsets, state.Domains.ToArray(), state.External)
                : null;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static void ReadModel(CodedInputStream input, State state)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when IsVarint(tag):
                    state.IrVersion = input.ReadInt64();
                    break;
                case 2 when IsLengthDelimited(tag):
                    state.Producer = input.ReadString();
                    break;
                case 3 when IsLengthDelimited(tag):
                    state.ProducerVersion = input.ReadString();
                    break;
                case 7 when IsLengthDelimited(tag):
                    state.HasGraph = true;
                    ReadGraph(Sub(input), state);
                    break;
                case 8 when IsLengthDelimited(tag):
                    var (domain, version) = ReadOpset(Sub(input));
                    state.Opsets[domain] = version;
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }

    private static void ReadGraph(CodedInputStream input, State state)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when IsLengthDelimited(tag):
                    ReadNode(Sub(input), state);
                    break;
                case 5 when IsLengthDelimited(tag):
                    ReadTensor(Sub(input), state);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }

    private static void ReadNode(CodedInputStream input, State state)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 5 when IsLengthDelimited(tag):
                    ReadAttribute(Sub(input), state);
                    break;
                case 7 when IsLengthDelimited(tag):
                    state.Domains.Add(input.ReadString());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }

    /// <summary>Attributes may hold a tensor (t, tensors) or subgraphs (g, graphs) of If, Loop and Scan nodes.</summary>
    private static void ReadAttribute(CodedInputStream input, State state)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 5 or 10 when IsLengthDelimited(tag):
                    ReadTensor(Sub(input), state);
                    break;
                case 6 or 11 when IsLengthDelimited(tag):
                    ReadGraph(Sub(input), state);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }

    private static void ReadTensor(CodedInputStream input, State state)
    {
        var (name, external) = ("", false);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 8 when IsLengthDelimited(tag):
                    name = input.ReadString();
                    break;
                case 13 when IsLengthDelimited(tag):
                    external = true;
                    input.SkipLastField();
                    break;
                case 14 when IsVarint(tag):
                    external |= input.ReadEnum() == 1;
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        if (external)
        {
            state.External.Add(name);
        }
    }

    private sealed class State
    {
        public long IrVersion { get; set; }

        public string Producer { get; set; } = "";

        public string ProducerVersion { get; set; } = "";

        public bool HasGraph { get; set; }

        public Dictionary<string, long> Opsets { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Domains { get; } = new(StringComparer.Ordinal);

        public List<string> External { get; } = [];
    }
}
