using System.Text.Json.Serialization;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>A tensor as <c>probe.json</c> of an ONNX version stores it: numbers (any numeric type), flags or texts.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record ProbeTensor(string Name, string Datatype, long[] Shape, double[]? Numbers, bool[]? Flags, string[]? Texts)
{
    public static ProbeTensor From(OnnxTensor tensor) => tensor.Data switch
    {
        float[] v => new(tensor.Name, tensor.Datatype, tensor.Shape, v.Select(x => (double)x).ToArray(), null, null),
        double[] v => new(tensor.Name, tensor.Datatype, tensor.Shape, v, null, null),
        long[] v => new(tensor.Name, tensor.Datatype, tensor.Shape, v.Select(x => (double)x).ToArray(), null, null),
        int[] v => new(tensor.Name, tensor.Datatype, tensor.Shape, v.Select(x => (double)x).ToArray(), null, null),
        bool[] v => new(tensor.Name, tensor.Datatype, tensor.Shape, null, v, null),
        string[] v => new(tensor.Name, tensor.Datatype, tensor.Shape, null, null, v),
        _ => throw new InvalidOperationException($"Tensor '{tensor.Name}' holds {tensor.Data.GetType().Name}."),
    };

    public OnnxTensor ToTensor() => new(Name, Datatype, Shape, Datatype switch
    {
        OnnxTypes.Fp32 => Required(Numbers).Select(x => (float)x).ToArray(),
        OnnxTypes.Fp64 => Required(Numbers).ToArray(),
        OnnxTypes.Int64 => Required(Numbers).Select(x => (long)x).ToArray(),
        OnnxTypes.Int32 => Required(Numbers).Select(x => (int)x).ToArray(),
        OnnxTypes.Bool => Required(Flags).ToArray(),
        _ => Required(Texts).ToArray(),
    });

    private T[] Required<T>(T[]? values) => values ?? throw new InvalidDataException($"Probe tensor '{Name}' ({Datatype}) holds no values.");
}
