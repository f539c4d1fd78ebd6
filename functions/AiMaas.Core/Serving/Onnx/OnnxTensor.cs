using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// A tensor on its way into or out of ONNX Runtime: <see cref="Data"/> is flat, row-major, of the CLR type of
/// <see cref="Datatype"/>; its first <see cref="Length"/> elements are the tensor (a pooled array may be longer).
/// Dispose a tensor made by <see cref="Rent"/> to give its array back to the pool.
/// </summary>
public sealed record OnnxTensor(string Name, string Datatype, long[] Shape, Array Data) : IDisposable
{
    private bool _pooled;

    public int Length { get; private init; } = Data.Length;

    /// <summary>A tensor over an array rented from the shared pool (strings are allocated: the pool would keep them alive).</summary>
    internal static OnnxTensor Rent(string name, string datatype, long[] shape, int length)
    {
        return datatype switch
        {
            OnnxTypes.Fp32 => Pooled(ArrayPool<float>.Shared.Rent(length)),
            OnnxTypes.Fp64 => Pooled(ArrayPool<double>.Shared.Rent(length)),
            OnnxTypes.Int64 => Pooled(ArrayPool<long>.Shared.Rent(length)),
            OnnxTypes.Int32 => Pooled(ArrayPool<int>.Shared.Rent(length)),
            OnnxTypes.Bool => Pooled(ArrayPool<bool>.Shared.Rent(length)),
            _ => new OnnxTensor(name, datatype, shape, new string[length]),
        };

        OnnxTensor Pooled(Array array) => new(name, datatype, shape, array) { Length = length, _pooled = true };
    }

    /// <summary>A tensor over the first <paramref name="length"/> elements of an array it does not own (the caller returns it).</summary>
    internal static OnnxTensor Over(string name, string datatype, long[] shape, Array array, int length) =>
        new(name, datatype, shape, array) { Length = length };

    internal OrtValue ToOrtValue() => ToOrtValue(0, Length, Shape);

    /// <summary>
    /// An OrtValue over rows [<paramref name="from"/>, <paramref name="to"/>) of axis 0, without a copy (the array is
    /// pinned until the value is disposed): a chunk's input, or a chunk's slice of a shared output buffer.
    /// </summary>
    internal OrtValue ToOrtValue(long from, long to)
    {
        var rowLength = Shape[0] == 0 ? 0 : Length / (int)Shape[0];
        long[] shape = [to - from, .. Shape.AsSpan(1)];
        return ToOrtValue(checked((int)from * rowLength), checked((int)(to - from) * rowLength), shape);
    }

    private OrtValue ToOrtValue(int start, int length, long[] shape) => Data switch
    {
        float[] values => OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, values.AsMemory(start, length), shape),
        double[] values => OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, values.AsMemory(start, length), shape),
        long[] values => OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, values.AsMemory(start, length), shape),
        int[] values => OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, values.AsMemory(start, length), shape),
        bool[] values => OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, values.AsMemory(start, length), shape),
        string[] values => OrtValue.CreateFromStringTensor(new DenseTensor<string>(values.AsMemory(start, length), shape.Select(d => checked((int)d)).ToArray())),
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

    public void Dispose()
    {
        if (!_pooled)
        {
            return;
        }

        _pooled = false;
        switch (Data)
        {
            case float[] v: ArrayPool<float>.Shared.Return(v); break;
            case double[] v: ArrayPool<double>.Shared.Return(v); break;
            case long[] v: ArrayPool<long>.Shared.Return(v); break;
            case int[] v: ArrayPool<int>.Shared.Return(v); break;
            case bool[] v: ArrayPool<bool>.Shared.Return(v); break;
        }
    }
}
