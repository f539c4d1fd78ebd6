using System.Text.Json;
using AiMaas.Core.Registry;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// The probe of an ONNX version: inputs generated from the graph's own signature and what ONNX Runtime answered for them
/// when the version was uploaded. Every load runs them again and refuses to serve on a difference.
/// </summary>
public sealed record OnnxProbe(IReadOnlyList<ProbeTensor> Inputs, IReadOnlyList<ProbeTensor> Outputs)
{
    /// <summary>The batch size given to dynamic leading dimensions.</summary>
    public const int Rows = 3;

    /// <summary>Seeded inputs of every declared input's type and shape: dynamic batch dimensions 3, other dynamic ones 2; small numbers, so integer inputs stay valid indices.</summary>
    public static IReadOnlyList<OnnxTensor> GenerateInputs(IReadOnlyList<OnnxTensorInfo> inputs)
    {
        var random = new Random(20261201);
        return inputs.Select(input =>
        {
            var shape = input.Shape.Select((d, i) => d >= 0 ? d : i == 0 ? Rows : 2L).ToArray();
            var length = checked((int)shape.Aggregate(1L, (a, b) => a * b));
            var data = OnnxTypes.Allocate(input.Datatype, length);
            for (var i = 0; i < length; i++)
            {
                switch (data)
                {
                    case float[] v: v[i] = (float)Math.Round(random.NextDouble() * 4 - 2, 3); break;
                    case double[] v: v[i] = Math.Round(random.NextDouble() * 4 - 2, 3); break;
                    case long[] v: v[i] = random.Next(2); break;
                    case int[] v: v[i] = random.Next(2); break;
                    case bool[] v: v[i] = random.Next(2) == 1; break;
                    case string[] v: v[i] = random.Next(2) == 1 ? "a" : "b"; break;
                }
            }

            return new OnnxTensor(input.Name, input.Datatype, shape, data);
        }).ToArray();
    }

    public static OnnxProbe Record(OnnxModel model)
    {
        var inputs = GenerateInputs(model.Description.Inputs);
        var outputs = model.Run(inputs);
        return new OnnxProbe(inputs.Select(ProbeTensor.From).ToArray(), outputs.Select(ProbeTensor.From).ToArray());
    }

    /// <summary>Null when the model answers as recorded: numbers within a relative 1e-5, everything else equal.</summary>
    public string? FindMismatch(OnnxModel model)
    {
        var actual = model.Run(Inputs.Select(i => i.ToTensor()).ToArray(), Outputs.Select(o => o.Name).ToArray());
        if (actual.Count != Outputs.Count)
        {
            return $"{Outputs.Count} outputs recorded, {actual.Count} given";
        }

        for (var t = 0; t < Outputs.Count; t++)
        {
            var (expected, served) = (Outputs[t], ProbeTensor.From(actual[t]));
            if (!expected.Shape.SequenceEqual(served.Shape))
            {
                return $"output '{expected.Name}' has shape [{string.Join(", ", served.Shape)}], [{string.Join(", ", expected.Shape)}] recorded";
            }

            for (var i = 0; i < (expected.Numbers?.Length ?? 0); i++)
            {
                if (!Fidelity.ProbeVerifier.Agrees(expected.Numbers![i], served.Numbers![i]))
                {
                    return $"output '{expected.Name}'[{i}]: {served.Numbers[i]:R} served, {expected.Numbers[i]:R} recorded";
                }
            }

            if (!(expected.Flags ?? []).SequenceEqual(served.Flags ?? []) || !(expected.Texts ?? []).SequenceEqual(served.Texts ?? []))
            {
                return $"output '{expected.Name}' differs from the recorded values";
            }
        }

        return null;
    }

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, AiMaasJson.Options);

    public static OnnxProbe? Deserialize(byte[] json) => JsonSerializer.Deserialize<OnnxProbe>(json, AiMaasJson.Options);
}
