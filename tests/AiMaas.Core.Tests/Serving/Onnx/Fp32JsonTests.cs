using System.Buffers;
using System.Globalization;
using System.Text.Json;
using AiMaas.Core.Serving.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace AiMaas.Core.Tests.Serving.Onnx;

/// <summary>A large FP32 output formatted on several cores reads back exactly, and is the same text as writing it value by value.</summary>
[TestClass]
public sealed class Fp32JsonTests
{
    [TestMethod]
    public void WriteArray_LargeTensor_WritesTheBytesUtf8JsonWriterWritesAndRoundTrips()
    {
        var random = new Random(13);
        var values = new float[60_001];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (i % 5) switch
            {
                0 => (float)random.NextDouble(),
                1 => BitConverter.Int32BitsToSingle(random.Next()) * (random.Next(2) == 0 ? 1 : -1),
                2 => (float)((random.NextDouble() - 0.5) * 1e6),
                3 => MathF.Round((float)random.NextDouble() * 100, 2),
                _ => (float)Math.Exp((random.NextDouble() - 0.5) * 150),
            };
        }

        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, float.Epsilon, float.MaxValue, float.MinValue, 1e-45f, 1.17549435E-38f, 16777217f];
        specials.CopyTo(values, 100);
        Assert.IsTrue(Fp32Json.ShouldSplit(values.Length) || Environment.ProcessorCount == 1);

        var sequential = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(sequential, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartArray();
            foreach (var v in values)
            {
                if (float.IsFinite(v))
                {
                    writer.WriteNumberValue(v);
                }
                else
                {
                    writer.WriteStringValue(float.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
                }
            }

            writer.WriteEndArray();
        }

        var parallel = new ArrayBufferWriter<byte>();
        using (var value = OrtValue.CreateTensorValueFromMemory(values, [values.Length]))
        using (var writer = new Utf8JsonWriter(parallel, new JsonWriterOptions { SkipValidation = true }))
        {
            Fp32Json.WriteArray(writer, value, values.Length);
        }

        Assert.IsTrue(sequential.WrittenSpan.SequenceEqual(parallel.WrittenSpan), "the same bytes as Utf8JsonWriter, value by value");
        using var document = JsonDocument.Parse(parallel.WrittenMemory);
        var i2 = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var read = element.ValueKind == JsonValueKind.String
                ? float.Parse(element.GetString()!, CultureInfo.InvariantCulture)
                : element.GetSingle();
            // Every value reads back to the same bits; a NaN's payload is not JSON's to carry.
            Assert.IsTrue(float.IsNaN(values[i2]) ? float.IsNaN(read) : BitConverter.SingleToInt32Bits(values[i2]) == BitConverter.SingleToInt32Bits(read), $"value {i2}: {values[i2]:R}");
            i2++;
        }

        Assert.AreEqual(values.Length, i2);
    }
}
