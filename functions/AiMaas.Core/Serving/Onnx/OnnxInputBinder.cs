using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.OpenInference;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// Binds an <see cref="InferenceEnvelope"/> to an ONNX graph's own signature: every graph input exactly once, of its
/// datatype, of its rank, with its fixed dimensions. Values are parsed straight from the body's bytes into arrays rented
/// from the pool (JSON <c>data</c>, flat or nested, row-major; a large FP32 tensor was already parsed in the envelope's
/// pass), or copied in one block from the binary tensor data.
/// Errors name the input and the datatype and shape the graph expects.
/// </summary>
public static class OnnxInputBinder
{
    public static Result<OnnxInferenceRequest> Bind(InferenceEnvelope envelope, OnnxDescription graph, int maxRows)
    {
        if (envelope.Inputs is not { } inputs)
        {
            return Problem.Invalid("inputs", $"expected an array of input tensors: {string.Join(", ", graph.Inputs.Select(Expected))}");
        }

        if (envelope.Outputs?.FirstOrDefault(o => graph.Outputs.All(g => g.Name != o.Name)) is { } unknown)
        {
            return Problem.Invalid("outputs", $"unknown output '{TensorValues.Truncate(unknown.Name)}'; this model's outputs are {string.Join(", ", graph.Outputs.Select(o => o.Name))}");
        }

        var errors = new Dictionary<string, string[]>();
        var bound = new (EnvelopeTensor Tensor, int Length)?[graph.Inputs.Count];
        for (var index = 0; index < inputs.Count; index++)
        {
            var checkedInput = Check(inputs[index], graph, maxRows, out var slot, out var length);
            if (checkedInput is { Kind: ProblemKind.TooLarge })
            {
                return checkedInput;
            }

            if (checkedInput is not null)
            {
                errors[$"inputs[{index}]"] = [checkedInput.Detail];
            }
            else if (bound[slot] is not null)
            {
                errors[$"inputs[{index}]"] = [$"input '{inputs[index].Name}' is given twice"];
            }
            else
            {
                bound[slot] = (inputs[index], length);
            }
        }

        if (errors.Count == 0)
        {
            for (var i = 0; i < bound.Length; i++)
            {
                if (bound[i] is null)
                {
                    errors[$"inputs.{graph.Inputs[i].Name}"] = [$"required input is missing; expected {Expected(graph.Inputs[i])}"];
                }
            }
        }

        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }

        var tensors = new OnnxTensor[bound.Length];
        for (var i = 0; i < bound.Length; i++)
        {
            var (tensor, length) = bound[i]!.Value;
            var read = tensor.IsBinary ? ReadBinary(tensor, length)
                : tensor.Fp32 is { } values && tensor.Datatype == OnnxTypes.Fp32 ? OnnxTensor.Over(tensor.Name, tensor.Datatype, tensor.Shape, values, length)
                : ReadJson(tensor, length);
            if (read.Failed(out var problem))
            {
                foreach (var done in tensors.Take(i))
                {
                    done.Dispose();
                }

                return problem;
            }

            tensors[i] = read.Value;
        }

        var binary = graph.Outputs.Where(o => envelope.IsBinary(o.Name)).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        return new OnnxInferenceRequest(tensors, envelope.Id, envelope.Outputs?.Select(o => o.Name).ToArray(), binary);
    }

    private static string Expected(OnnxTensorInfo input) => $"'{input.Name}' {input.Datatype} of shape [{string.Join(", ", input.Shape)}]";

    /// <summary>Null when the tensor's header fits the graph input at <paramref name="slot"/> and holds <paramref name="length"/> values.</summary>
    private static Problem? Check(EnvelopeTensor input, OnnxDescription graph, int maxRows, out int slot, out int length)
    {
        length = 0;
        slot = -1;
        if (!input.IsWellFormed)
        {
            return Problem.Invalid("expected an input tensor {\"name\": string, \"shape\": [...], \"datatype\": string, \"data\": [...]}");
        }

        var name = input.Name;
        for (var i = 0; i < graph.Inputs.Count && slot < 0; i++)
        {
            slot = graph.Inputs[i].Name == name ? i : -1;
        }

        if (slot < 0)
        {
            return Problem.Invalid($"unknown input '{TensorValues.Truncate(name)}'; the model's inputs are {string.Join(", ", graph.Inputs.Select(Expected))}");
        }

        var expected = graph.Inputs[slot];
        if (input.Datatype != expected.Datatype)
        {
            return Problem.Invalid($"input '{name}': datatype {TensorValues.Truncate(input.Datatype)} given; expected {Expected(expected)}");
        }

        var shape = input.Shape;
        if (shape.Any(d => d < 0))
        {
            return Problem.Invalid($"input '{name}': shape must hold non-negative integers; expected {Expected(expected)}");
        }

        if (shape.Length != expected.Shape.Count || shape.Where((d, i) => expected.Shape[i] >= 0 && expected.Shape[i] != d).Any())
        {
            return Problem.Invalid($"input '{name}': shape [{string.Join(", ", shape)}] given; expected {Expected(expected)}");
        }

        if (shape.Length > 0 && shape[0] > maxRows)
        {
            return Problem.TooLarge($"input '{name}': {shape[0]} rows exceed the limit of {maxRows} per request; split the batch.");
        }

        var total = 1L;
        foreach (var d in shape)
        {
            total *= d;
            if (total > int.MaxValue / 8)
            {
                return Problem.TooLarge($"input '{name}': more than {int.MaxValue / 8} elements are too many for one request.");
            }
        }

        length = (int)total;
        return null;
    }

    private static Result<OnnxTensor> ReadJson(EnvelopeTensor input, int length)
    {
        var tensor = OnnxTensor.Rent(input.Name, input.Datatype, input.Shape, length);
        var (count, bad) = tensor.Data switch
        {
            float[] v => Parse<float, Fp32>(input.Json, v, length),
            double[] v => Parse<double, Fp64>(input.Json, v, length),
            long[] v => Parse<long, Int64>(input.Json, v, length),
            int[] v => Parse<int, Int32>(input.Json, v, length),
            bool[] v => Parse<bool, Flag>(input.Json, v, length),
            string[] v => Parse<string, Text>(input.Json, v, length),
            _ => throw new InvalidOperationException($"Unexpected array {tensor.Data.GetType().Name}."),
        };

        if (count != length)
        {
            tensor.Dispose();
            return Problem.Invalid($"input '{input.Name}': shape [{string.Join(", ", input.Shape)}] holds {length} values, data has {count}");
        }

        if (bad is { } value)
        {
            tensor.Dispose();
            return Problem.Invalid($"input '{input.Name}': data[{value.Index}] is {value.Text}; expected a {input.Datatype} value");
        }

        return tensor;
    }

    /// <summary>Every value of the data array, counted; the first that is not a <typeparamref name="T"/> is reported, the rest only counted.</summary>
    private static (int Count, (int Index, string Text)? Bad) Parse<T, TParser>(ReadOnlyMemory<byte> json, T[] into, int length)
        where TParser : IValueParser<T>
    {
        var reader = TensorValues.Open(json);
        var depth = 1;
        var count = 0;
        (int, string)? bad = null;
        while (TensorValues.Next(ref reader, ref depth))
        {
            if (count < length && bad is null)
            {
                if (TParser.TryParse(ref reader, out var value))
                {
                    into[count] = value;
                }
                else
                {
                    bad = (count, TensorValues.Describe(ref reader));
                }
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                reader.Skip();
            }

            count++;
        }

        return (count, bad);
    }

    /// <summary>Raw little-endian values (BYTES: each a 4-byte length and its UTF-8 bytes), copied in one block.</summary>
    private static Result<OnnxTensor> ReadBinary(EnvelopeTensor input, int length)
    {
        var bytes = input.Binary.Span;
        var tensor = OnnxTensor.Rent(input.Name, input.Datatype, input.Shape, length);
        var fits = tensor.Data switch
        {
            float[] v => Copy(bytes, v.AsSpan(0, length)),
            double[] v => Copy(bytes, v.AsSpan(0, length)),
            long[] v => Copy(bytes, v.AsSpan(0, length)),
            int[] v => Copy(bytes, v.AsSpan(0, length)),
            bool[] v => bytes.IndexOfAnyExcept((byte)0, (byte)1) < 0 && Copy(bytes, v.AsSpan(0, length)),
            string[] v => ReadStrings(bytes, v.AsSpan(0, length)),
            _ => false,
        };
        if (fits)
        {
            return tensor;
        }

        tensor.Dispose();
        var size = input.Datatype switch { OnnxTypes.Fp32 or OnnxTypes.Int32 => 4, OnnxTypes.Fp64 or OnnxTypes.Int64 => 8, _ => 1 };
        return Problem.Invalid(input.Datatype == OnnxTypes.Bytes
            ? $"input '{input.Name}': binary_data_size {bytes.Length} does not hold {length} BYTES elements (each a 4-byte little-endian length and its bytes)"
            : input.Datatype == OnnxTypes.Bool && bytes.Length == length
                ? $"input '{input.Name}': BOOL binary data holds bytes other than 0 and 1"
                : $"input '{input.Name}': binary_data_size is {bytes.Length} bytes; shape [{string.Join(", ", input.Shape)}] of {input.Datatype} needs {(long)length * size}");
    }

    private static bool Copy<T>(ReadOnlySpan<byte> bytes, Span<T> into)
        where T : struct
    {
        var target = MemoryMarshal.AsBytes(into);
        if (bytes.Length != target.Length)
        {
            return false;
        }

        // The extension's byte order is little-endian, as is every platform ONNX Runtime ships for here.
        bytes.CopyTo(target);
        return true;
    }

    private static bool ReadStrings(ReadOnlySpan<byte> bytes, Span<string> into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            if (bytes.Length < 4)
            {
                return false;
            }

            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            if (size > (uint)(bytes.Length - 4))
            {
                return false;
            }

            into[i] = Encoding.UTF8.GetString(bytes.Slice(4, (int)size));
            bytes = bytes[(4 + (int)size)..];
        }

        return bytes.IsEmpty;
    }

    private interface IValueParser<T>
    {
        static abstract bool TryParse(ref Utf8JsonReader reader, out T value);
    }

    private readonly struct Fp32 : IValueParser<float>
    {
        public static bool TryParse(ref Utf8JsonReader reader, out float value)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    return FloatText.TryParse(reader.ValueSpan, out value) || reader.TryGetSingle(out value);
                case JsonTokenType.Null:
                    value = float.NaN;
                    return true;
                default:
                    value = 0;
                    return false;
            }
        }
    }

    private readonly struct Fp64 : IValueParser<double>
    {
        public static bool TryParse(ref Utf8JsonReader reader, out double value)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    return reader.TryGetDouble(out value);
                case JsonTokenType.Null:
                    value = double.NaN;
                    return true;
                default:
                    value = 0;
                    return false;
            }
        }
    }

    private readonly struct Int64 : IValueParser<long>
    {
        public static bool TryParse(ref Utf8JsonReader reader, out long value)
        {
            value = 0;
            return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value);
        }
    }

    private readonly struct Int32 : IValueParser<int>
    {
        public static bool TryParse(ref Utf8JsonReader reader, out int value)
        {
            value = 0;
            return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value);
        }
    }

    private readonly struct Flag : IValueParser<bool>
    {
        public static bool TryParse(ref Utf8JsonReader reader, out bool value)
        {
            value = reader.TokenType == JsonTokenType.True;
            return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
        }
    }

    private readonly struct Text : IValueParser<string>
    {
        public static bool TryParse(ref Utf8JsonReader reader, out string value)
        {
            value = reader.TokenType == JsonTokenType.String ? reader.GetString()! : string.Empty;
            return reader.TokenType == JsonTokenType.String;
        }
    }
}
