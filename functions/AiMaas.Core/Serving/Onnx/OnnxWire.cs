using Google.Protobuf;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>The protobuf wire-format pieces both ONNX readers use (the upload checks' and the batch analysis').</summary>
internal static class OnnxWire
{
    /// <summary>A reader over the length-delimited field just tagged: a nested message.</summary>
    public static CodedInputStream Sub(CodedInputStream input) => new(input.ReadBytes().ToByteArray());

    public static bool IsLengthDelimited(uint tag) => WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited;

    public static bool IsVarint(uint tag) => WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint;

    /// <summary>An <c>OperatorSetIdProto</c>: its domain ("" is ai.onnx) and version.</summary>
    public static (string Domain, long Version) ReadOpset(CodedInputStream input)
    {
        var (domain, version) = ("", 0L);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when IsLengthDelimited(tag):
                    domain = input.ReadString();
                    break;
                case 2 when IsVarint(tag):
                    version = input.ReadInt64();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (domain, version);
    }
}
