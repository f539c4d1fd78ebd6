using Microsoft.ML.OnnxRuntime.Tensors;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>The ONNX element types AiMaas serves, named as the Open Inference Protocol names them.</summary>
internal static class OnnxTypes
{
    public const string Fp32 = "FP32";
    public const string Fp64 = "FP64";
    public const string Int64 = "INT64";
    public const string Int32 = "INT32";
    public const string Bool = "BOOL";
    public const string Bytes = "BYTES";

    public static string? Datatype(TensorElementType type) => type switch
    {
        TensorElementType.Float => Fp32,
        TensorElementType.Double => Fp64,
        TensorElementType.Int64 => Int64,
        TensorElementType.Int32 => Int32,
        TensorElementType.Bool => Bool,
        TensorElementType.String => Bytes,
        _ => null,
    };

    public static Array Allocate(string datatype, int length) => datatype switch
    {
        Fp32 => new float[length],
        Fp64 => new double[length],
        Int64 => new long[length],
        Int32 => new int[length],
        Bool => new bool[length],
        _ => new string[length],
    };
}
