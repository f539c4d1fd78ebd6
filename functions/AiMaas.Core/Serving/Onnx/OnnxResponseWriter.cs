using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using AiMaas.Core.Serving.OpenInference;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// Writes an <c>$inference_response</c> straight from ONNX Runtime's output memory into a pooled buffer: JSON numbers with a
/// <see cref="Utf8JsonWriter"/>, or for the outputs asked for as binary data, their raw little-endian bytes after the JSON
/// header (binary tensor data extension). Outputs of a type AiMaas does not serve (maps, sequences) are left out.
/// </summary>
public static class OnnxResponseWriter
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static EncodedInferenceResponse Write(string model, string version, string? id, OnnxRun run, IReadOnlySet<string> binaryOutputs)
    {
        var outputs = new List<(string Name, OrtValue Value, string Datatype, bool Binary)>(run.Names.Count);
        for (var i = 0; i < run.Names.Count; i++)
        {
            var value = run.Values[i];
            if (value.IsTensor && OnnxTypes.Datatype(value.GetTensorTypeAndShape().ElementDataType) is { } datatype)
            {
                outputs.Add((run.Names[i], value, datatype, binaryOutputs.Contains(run.Names[i])));
            }
        }

        var buffer = new PooledBufferWriter(EstimateSize(outputs));
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("model_name"u8, model);
                writer.WriteString("model_version"u8, version);
                if (id is not null)
                {
                    writer.WriteString("id"u8, id);
                }

                writer.WriteStartArray("outputs"u8);
                foreach (var (name, value, datatype, binary) in outputs)
                {
                    WriteTensor(writer, name, value, datatype, binary);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            if (outputs.All(o => !o.Binary))
            {
                return new EncodedInferenceResponse(buffer, headerLength: null);
            }

            var headerLength = buffer.WrittenCount;
            foreach (var (_, value, _, binary) in outputs)
            {
                if (binary)
                {
                    WriteBinary(buffer, value);
                }
            }

            return new EncodedInferenceResponse(buffer, headerLength);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private static void WriteTensor(Utf8JsonWriter writer, string name, OrtValue value, string datatype, bool binary)
    {
        var info = value.GetTensorTypeAndShape();
        writer.WriteStartObject();
        writer.WriteString("name"u8, name);
        writer.WriteString("datatype"u8, datatype);
        writer.WriteStartArray("shape"u8);
        foreach (var d in info.Shape)
        {
            writer.WriteNumberValue(d);
        }

        writer.WriteEndArray();
        if (binary)
        {
            writer.WriteStartObject("parameters"u8);
            writer.WriteNumber("binary_data_size"u8, BinarySize(value, info.ElementDataType));
            writer.WriteEndObject();
        }
        else if (info.ElementDataType == TensorElementType.Float && Fp32Json.ShouldSplit((int)info.ElementCount))
        {
            // A large batch's output: formatted on several cores, as its rows were run.
            writer.WritePropertyName("data"u8);
            Fp32Json.WriteArray(writer, value, (int)info.ElementCount);
        }
        else
        {
            writer.WriteStartArray("data"u8);
            WriteData(writer, value, info.ElementDataType);
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteData(Utf8JsonWriter writer, OrtValue value, TensorElementType type)
    {
        switch (type)
        {
            case TensorElementType.Float:
                foreach (var v in value.GetTensorDataAsSpan<float>())
                {
                    if (float.IsFinite(v))
                    {
                        writer.WriteNumberValue(v);
                    }
                    else
                    {
                        WriteNamed(writer, v);
                    }
                }

                break;
            case TensorElementType.Double:
                foreach (var v in value.GetTensorDataAsSpan<double>())
                {
                    if (double.IsFinite(v))
                    {
                        writer.WriteNumberValue(v);
                    }
                    else
                    {
                        WriteNamed(writer, v);
                    }
                }

                break;
            case TensorElementType.Int64:
                foreach (var v in value.GetTensorDataAsSpan<long>())
                {
                    writer.WriteNumberValue(v);
                }

                break;
            case TensorElementType.Int32:
                foreach (var v in value.GetTensorDataAsSpan<int>())
                {
                    writer.WriteNumberValue(v);
                }

                break;
            case TensorElementType.Bool:
                foreach (var v in value.GetTensorDataAsSpan<bool>())
                {
                    writer.WriteBooleanValue(v);
                }

                break;
            case TensorElementType.String:
                foreach (var v in value.GetStringTensorAsArray())
                {
                    writer.WriteStringValue(v);
                }

                break;
        }
    }

    /// <summary>NaN and the infinities as System.Text.Json writes them with named floating-point literals allowed (as the rest of the API does).</summary>
    private static void WriteNamed(Utf8JsonWriter writer, double v) =>
        writer.WriteStringValue(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");

    private static long BinarySize(OrtValue value, TensorElementType type) => type == TensorElementType.String
        ? value.GetStringTensorAsArray().Sum(s => 4L + Encoding.UTF8.GetByteCount(s))
        : value.GetTensorSizeInBytes();

    private static void WriteBinary(PooledBufferWriter buffer, OrtValue value)
    {
        var type = value.GetTensorTypeAndShape().ElementDataType;
        if (type != TensorElementType.String)
        {
            // One block copy out of ONNX Runtime's memory; its layout is already little-endian and row-major.
            buffer.Write(value.GetTensorMutableRawData());
            return;
        }

        Span<byte> length = stackalloc byte[4];
        foreach (var text in value.GetStringTensorAsArray())
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)bytes.Length);
            buffer.Write(length);
            buffer.Write(bytes);
        }
    }

    private static int EstimateSize(List<(string Name, OrtValue Value, string Datatype, bool Binary)> outputs)
    {
        // About 12 bytes a JSON number; the buffer grows if that guess is short.
        var estimate = 256L;
        foreach (var output in outputs)
        {
            var info = output.Value.GetTensorTypeAndShape();
            estimate += output.Binary ? output.Value.GetTensorSizeInBytes() + 64 : (info.ElementCount * 12) + 64;
        }

        return (int)Math.Min(estimate, 1 << 30);
    }
}
