using Google.Protobuf;

namespace AiMaas.Tests.Onnx;

/// <summary>
/// Writes small ONNX models in the protobuf wire format (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto),
/// so tests build their graphs without Python or downloads.
/// </summary>
public static class OnnxGraphs
{
    public const int FloatType = 1;
    public const int Int64Type = 7;

    /// <summary>The weights of <see cref="Mlp"/>: 4 inputs, 3 hidden units, 3 classes.</summary>
    public static readonly float[] W1 = [0.5f, -0.25f, 0.1f, 0.3f, -0.4f, 0.2f, 0.6f, -0.1f, 0.05f, 0.7f, -0.3f, 0.2f];
    public static readonly float[] B1 = [0.1f, -0.2f, 0.05f];
    public static readonly float[] W2 = [1.0f, -0.5f, 0.25f, -0.75f, 0.8f, 0.1f, 0.3f, 0.2f, -0.6f];
    public static readonly float[] B2 = [0.0f, 0.1f, -0.1f];

    /// <summary>X [N, 4] → Gemm(W1ᵀ, B1) → Relu → Gemm(W2ᵀ, B2) → logits [N, 3] → Softmax → probabilities [N, 3].</summary>
    public static byte[] Mlp(string producer = "aimaas-tests", bool externalWeights = false, string? customDomain = null)
    {
        var nodes = new List<byte[]>
        {
            Node("Gemm", ["X", "W1", "B1"], ["H"], attributes: [IntAttribute("transB", 1)]),
            Node(customDomain is null ? "Relu" : "FancyRelu", ["H"], ["R"], domain: customDomain),
            Node("Gemm", ["R", "W2", "B2"], ["logits"], attributes: [IntAttribute("transB", 1)]),
            Node("Softmax", ["logits"], ["probabilities"], attributes: [IntAttribute("axis", 1)]),
        };
        var initializers = new List<byte[]>
        {
            Tensor("W1", [3, 4], W1, external: externalWeights),
            Tensor("B1", [3], B1),
            Tensor("W2", [3, 3], W2),
            Tensor("B2", [3], B2),
        };
        return Model(
            Graph("mlp", nodes, initializers, [ValueInfo("X", FloatType, ["N", 4])], [ValueInfo("logits", FloatType, ["N", 3]), ValueInfo("probabilities", FloatType, ["N", 3])]),
            producer,
            customDomain is null ? [("", 13)] : [("", 13), (customDomain, 1)]);
    }

    /// <summary>The MLP computed by hand, row by row: (logits, probabilities).</summary>
    public static (float[] Logits, float[] Probabilities) MlpByHand(float[] x, int rows)
    {
        var logits = new float[rows * 3];
        var probabilities = new float[rows * 3];
        for (var r = 0; r < rows; r++)
        {
            var hidden = new double[3];
            for (var h = 0; h < 3; h++)
            {
                double sum = B1[h];
                for (var i = 0; i < 4; i++)
                {
                    sum += (double)x[(r * 4) + i] * W1[(h * 4) + i];
                }

                hidden[h] = Math.Max(0, sum);
            }

            var z = new double[3];
            for (var c = 0; c < 3; c++)
            {
                double sum = B2[c];
                for (var h = 0; h < 3; h++)
                {
                    sum += hidden[h] * W2[(c * 3) + h];
                }

                z[c] = sum;
            }

            var max = z.Max();
            var total = z.Sum(v => Math.Exp(v - max));
            for (var c = 0; c < 3; c++)
            {
                logits[(r * 3) + c] = (float)z[c];
                probabilities[(r * 3) + c] = (float)(Math.Exp(z[c] - max) / total);
            }
        }

        return (logits, probabilities);
    }

    /// <summary>y = X · w + b for X [N, 2]: a regression graph (MatMul, Add) whose output is [N, 1].</summary>
    public static byte[] Linear(float w0, float w1, float b) =>
        Model(
            Graph(
                "linear",
                [Node("MatMul", ["X", "W"], ["XW"]), Node("Add", ["XW", "B"], ["y"])],
                [Tensor("W", [2, 1], [w0, w1]), Tensor("B", [1], [b])],
                [ValueInfo("X", FloatType, ["N", 2])],
                [ValueInfo("y", FloatType, ["N", 1])]),
            "aimaas-tests",
            [("", 13)]);

    public static byte[] Model(byte[] graph, string producer, IReadOnlyList<(string Domain, long Version)> opsets)
    {
        return Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(8);
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteString(producer);
            o.WriteTag(3, WireFormat.WireType.LengthDelimited);
            o.WriteString("1.0");
            o.WriteTag(7, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(graph));
            foreach (var (domain, version) in opsets)
            {
                o.WriteTag(8, WireFormat.WireType.LengthDelimited);
                o.WriteBytes(ByteString.CopyFrom(Message(s =>
                {
                    s.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    s.WriteString(domain);
                    s.WriteTag(2, WireFormat.WireType.Varint);
                    s.WriteInt64(version);
                })));
            }
        });
    }

    public static byte[] Graph(string name, IEnumerable<byte[]> nodes, IEnumerable<byte[]> initializers, IEnumerable<byte[]> inputs, IEnumerable<byte[]> outputs) =>
        Message(o =>
        {
            foreach (var node in nodes)
            {
                Bytes(o, 1, node);
            }

            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteString(name);
            foreach (var tensor in initializers)
            {
                Bytes(o, 5, tensor);
            }

            foreach (var input in inputs)
            {
                Bytes(o, 11, input);
            }

            foreach (var output in outputs)
            {
                Bytes(o, 12, output);
            }
        });

    public static byte[] Node(string op, string[] inputs, string[] outputs, byte[][]? attributes = null, string? domain = null) =>
        Message(o =>
        {
            foreach (var input in inputs)
            {
                o.WriteTag(1, WireFormat.WireType.LengthDelimited);
                o.WriteString(input);
            }

            foreach (var output in outputs)
            {
                o.WriteTag(2, WireFormat.WireType.LengthDelimited);
                o.WriteString(output);
            }

            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteString(op);
            foreach (var attribute in attributes ?? [])
            {
                Bytes(o, 5, attribute);
            }

            if (domain is not null)
            {
                o.WriteTag(7, WireFormat.WireType.LengthDelimited);
                o.WriteString(domain);
            }
        });

    /// <summary>An INT attribute (AttributeProto type 2).</summary>
    public static byte[] IntAttribute(string name, long value) =>
        Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString(name);
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteInt64(value);
            o.WriteTag(20, WireFormat.WireType.Varint);
            o.WriteInt32(2);
        });

    /// <summary>An INTS attribute (AttributeProto type 7).</summary>
    public static byte[] IntsAttribute(string name, params long[] values) =>
        Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString(name);
            foreach (var value in values)
            {
                o.WriteTag(8, WireFormat.WireType.Varint);
                o.WriteInt64(value);
            }

            o.WriteTag(20, WireFormat.WireType.Varint);
            o.WriteInt32(7);
        });

    /// <summary>
    /// X [N, features] → Gemm → Relu → Gemm → logits [N, classes] → Softmax → probabilities, with fixed-seed random weights:
    /// wide enough for ONNX Runtime's real matrix kernels (the benchmark's network is features 10, hidden 200, classes 3).
    /// </summary>
    public static byte[] RandomMlp(int features, int hidden, int classes, int seed)
    {
        var random = new Random(seed);
        float[] Weights(int count, double scale) => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() - 0.5) * scale)).ToArray();
        var nodes = new List<byte[]>
        {
            Node("Gemm", ["X", "W1", "B1"], ["H"], attributes: [IntAttribute("transB", 1)]),
            Node("Relu", ["H"], ["R"]),
            Node("Gemm", ["R", "W2", "B2"], ["logits"], attributes: [IntAttribute("transB", 1)]),
            Node("Softmax", ["logits"], ["probabilities"], attributes: [IntAttribute("axis", 1)]),
        };
        var initializers = new List<byte[]>
        {
            Tensor("W1", [hidden, features], Weights(hidden * features, 0.6)),
            Tensor("B1", [hidden], Weights(hidden, 0.2)),
            Tensor("W2", [classes, hidden], Weights(classes * hidden, 0.3)),
            Tensor("B2", [classes], Weights(classes, 0.2)),
        };
        var graph = Graph(
            "mlp",
            nodes,
            initializers,
            [ValueInfo("X", FloatType, ["N", features])],
            [ValueInfo("logits", FloatType, ["N", classes]), ValueInfo("probabilities", FloatType, ["N", classes])]);
        return Model(graph, "aimaas-tests", [("", 13)]);
    }

    /// <summary>A float tensor; <paramref name="external"/> marks it as stored in a file beside the model (data_location EXTERNAL).</summary>
    public static byte[] Tensor(string name, long[] dims, float[] values, bool external = false) =>
        Message(o =>
        {
            foreach (var d in dims)
            {
                o.WriteTag(1, WireFormat.WireType.Varint);
                o.WriteInt64(d);
            }

            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteInt32(FloatType);
            o.WriteTag(8, WireFormat.WireType.LengthDelimited);
            o.WriteString(name);
            if (external)
            {
                Bytes(o, 13, Message(s =>
                {
                    s.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    s.WriteString("location");
                    s.WriteTag(2, WireFormat.WireType.LengthDelimited);
                    s.WriteString("weights.bin");
                }));
                o.WriteTag(14, WireFormat.WireType.Varint);
                o.WriteEnum(1);
                return;
            }

            var raw = new byte[values.Length * 4];
            Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
            o.WriteTag(9, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(raw));
        });

    /// <summary>A tensor-typed graph input or output; a string dimension is symbolic (dynamic).</summary>
    public static byte[] ValueInfo(string name, int elementType, object[] dims) =>
        Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString(name);
            var shape = Message(s =>
            {
                foreach (var dim in dims)
                {
                    Bytes(s, 1, Message(d =>
                    {
                        if (dim is string symbol)
                        {
                            d.WriteTag(2, WireFormat.WireType.LengthDelimited);
                            d.WriteString(symbol);
                        }
                        else
                        {
                            d.WriteTag(1, WireFormat.WireType.Varint);
                            d.WriteInt64(Convert.ToInt64(dim, System.Globalization.CultureInfo.InvariantCulture));
                        }
                    }));
                }
            });
            var tensorType = Message(t =>
            {
                t.WriteTag(1, WireFormat.WireType.Varint);
                t.WriteInt32(elementType);
                Bytes(t, 2, shape);
            });
            Bytes(o, 2, Message(t => Bytes(t, 1, tensorType)));
        });

    private static void Bytes(CodedOutputStream output, int field, byte[] message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return stream.ToArray();
    }
}
