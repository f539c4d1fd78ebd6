using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>A tensor on its way into or out of ONNX Runtime: <see cref="Data"/> is flat, row-major, of the CLR type of <see cref="Datatype"/>.</summary>
public sealed record OnnxTensor(string Name, string Datatype, long[] Shape, Array Data)
{
    internal OrtValue ToOrtValue() => Data switch
    {
        float[] values => OrtValue.CreateTensorValueFromMemory(values, Shape),
        double[] values => OrtValue.CreateTensorValueFromMemory(values, Shape),
        long[] values => OrtValue.CreateTensorValueFromMemory(values, Shape),
        int[] values => OrtValue.CreateTensorValueFromMemory(values, Shape),
        bool[] values => OrtValue.CreateTensorValueFromMemory(values, Shape),
        string[] values => OrtValue.CreateFromStringTensor(new DenseTensor<string>(values, Shape.Select(d => checked((int)d)).ToArray())),
        _ => throw new InvalidOperationException($"Tensor '{Name}' holds {Data.GetType().Name}."),
    };

    /// <summary>Copies an output of ONNX Runtime out of native memory; null for an output type AiMaas does not serve.</summary>
    internal static OnnxTensor? FromOrtValue(string name, OrtValue value)
    {
        if (!value.IsTensor)
        {
            return null;
        }

        var info = value.GetTensorTypeAndShape();
        var datatype = OnnxTypes.Datatype(info.ElementDataType);
        Array? data = info.ElementDataType switch
        {
            TensorElementType.Float => value.GetTensorDataAsSpan<float>().ToArray(),
            TensorElementType.Double => value.GetTensorDataAsSpan<double>().ToArray(),
            TensorElementType.Int64 => value.GetTensorDataAsSpan<long>().ToArray(),
            TensorElementType.Int32 => value.GetTensorDataAsSpan<int>().ToArray(),
            TensorElementType.Bool => value.GetTensorDataAsSpan<bool>().ToArray(),
            TensorElementType.String => value.GetStringTensorAsArray(),
            _ => null,
        };
        return datatype is null || data is null ? null : new OnnxTensor(name, datatype, info.Shape, data);
    }
}
