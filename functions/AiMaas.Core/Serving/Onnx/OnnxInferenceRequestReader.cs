using System.Text.Json;
using AiMaas.Core.Registry;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// Reads an Open Inference <c>$inference_request</c> against an ONNX graph's own signature: every graph input exactly once,
/// of its datatype, of its rank, with its fixed dimensions; <c>data</c> flat or nested, row-major. Errors name the input
/// and the datatype and shape the graph expects.
/// </summary>
public static class OnnxInferenceRequestReader
{
    public static Result<OnnxInferenceRequest> Read(JsonElement root, OnnxDescription graph, int maxRows)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
        {
            return Problem.Invalid("inputs", $"expected an array of input tensors: {string.Join(", ", graph.Inputs.Select(Expected))}");
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idElement))
        {
            if (idElement.ValueKind != JsonValueKind.String)
            {
                return Problem.Invalid("id", "expected a string");
            }

            id = idElement.GetString();
        }

        if (ReadOutputs(root, graph, out var outputs) is { } outputProblem)
        {
            return outputProblem;
        }

        var errors = new Dictionary<string, string[]>();
        var tensors = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        var index = -1;
        foreach (var input in inputs.EnumerateArray())
        {
            index++;
            var result = ReadTensor(input, graph, maxRows);
            if (result.Failed(out var problem))
            {
                if (problem.Kind == ProblemKind.TooLarge)
                {
                    return problem;
                }

                errors[$"inputs[{index}]"] = [problem.Detail];
            }
            else if (!tensors.TryAdd(result.Value.Name, result.Value))
            {
                errors[$"inputs[{index}]"] = [$"input '{result.Value.Name}' is given twice"];
            }
        }

        foreach (var missing in graph.Inputs.Where(i => !tensors.ContainsKey(i.Name)))
        {
            if (errors.Count == 0 || !errors.Keys.Any(k => k.StartsWith("inputs[", StringComparison.Ordinal)))
            {
                errors[$"inputs.{missing.Name}"] = [$"required input is missing; expected {Expected(missing)}"];
            }
        }

        return errors.Count > 0
            ? Problem.Invalid(errors)
            : new OnnxInferenceRequest(graph.Inputs.Select(i => tensors[i.Name]).ToArray(), id, outputs);
    }

    private static string Expected(OnnxTensorInfo input) => $"'{input.Name}' {input.Datatype} of shape [{string.Join(", ", input.Shape)}]";

    private static Result<OnnxTensor> ReadTensor(JsonElement input, OnnxDescription graph, int maxRows)
    {
        if (input.ValueKind != JsonValueKind.Object
            || !input.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
            || !input.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !input.TryGetProperty("datatype", out var typeElement) || typeElement.ValueKind != JsonValueKind.String
            || !input.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            return Problem.Invalid("expected an input tensor {\"name\": string, \"shape\": [...], \"datatype\": string, \"data\": [...]}");
        }

        var name = nameElement.GetString()!;
        var expected = graph.Inputs.FirstOrDefault(i => i.Name == name);
        if (expected is null)
        {
            return Problem.Invalid($"unknown input '{Truncate(name)}'; the model's inputs are {string.Join(", ", graph.Inputs.Select(Expected))}");
        }

        var datatype = typeElement.GetString()!;
        if (datatype != expected.Datatype)
        {
            return Problem.Invalid($"input '{name}': datatype {Truncate(datatype)} given; expected {Expected(expected)}");
        }

        var shape = new long[shapeElement.GetArrayLength()];
        var dimension = 0;
        foreach (var d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out var size) || size < 0)
            {
                return Problem.Invalid($"input '{name}': shape must hold non-negative integers; expected {Expected(expected)}");
            }

            shape[dimension++] = size;
        }

        if (shape.Length != expected.Shape.Count || shape.Where((d, i) => expected.Shape[i] >= 0 && expected.Shape[i] != d).Any())
        {
            return Problem.Invalid($"input '{name}': shape [{string.Join(", ", shape)}] given; expected {Expected(expected)}");
        }

        if (shape.Length > 0 && shape[0] > maxRows)
        {
            return Problem.TooLarge($"input '{name}': {shape[0]} rows exceed the limit of {maxRows} per request; split the batch.");
        }

        var length = shape.Aggregate(1L, (a, b) => a * b);
        if (length > int.MaxValue / 8)
        {
            return Problem.TooLarge($"input '{name}': {length} elements are too many for one request.");
        }

        var values = new List<JsonElement>((int)Math.Min(length, 1 << 20));
        Flatten(data, values);
        if (values.Count != length)
        {
            return Problem.Invalid($"input '{name}': shape [{string.Join(", ", shape)}] holds {length} values, data has {values.Count}");
        }

        var array = OnnxTypes.Allocate(datatype, (int)length);
        for (var i = 0; i < values.Count; i++)
        {
            if (Assign(array, i, values[i]) is false)
            {
                return Problem.Invalid($"input '{name}': data[{i}] is {Truncate(values[i].GetRawText())}; expected a {datatype} value");
            }
        }

        return new OnnxTensor(name, datatype, shape, array);
    }

    private static bool Assign(Array array, int i, JsonElement value)
    {
        switch (array)
        {
            case float[] v when value.ValueKind == JsonValueKind.Number && value.TryGetSingle(out var f):
                v[i] = f;
                return true;
            case float[] v when value.ValueKind == JsonValueKind.Null:
                v[i] = float.NaN;
                return true;
            case double[] v when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d):
                v[i] = d;
                return true;
            case double[] v when value.ValueKind == JsonValueKind.Null:
                v[i] = double.NaN;
                return true;
            case long[] v when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l):
                v[i] = l;
                return true;
            case int[] v when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n):
                v[i] = n;
                return true;
            case bool[] v when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                v[i] = value.GetBoolean();
                return true;
            case string[] v when value.ValueKind == JsonValueKind.String:
                v[i] = value.GetString()!;
                return true;
            default:
                return false;
        }
    }

    private static Problem? ReadOutputs(JsonElement root, OnnxDescription graph, out IReadOnlyList<string>? requested)
    {
        requested = null;
        if (!root.TryGetProperty("outputs", out var outputs) || outputs.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (outputs.ValueKind != JsonValueKind.Array)
        {
            return Problem.Invalid("outputs", "expected an array of {\"name\": string}");
        }

        var names = new List<string>();
        foreach (var output in outputs.EnumerateArray())
        {
            if (output.ValueKind != JsonValueKind.Object || !output.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                return Problem.Invalid("outputs", "expected an array of {\"name\": string}");
            }

            if (graph.Outputs.All(o => o.Name != name.GetString()))
            {
                return Problem.Invalid("outputs", $"unknown output '{Truncate(name.GetString()!)}'; this model's outputs are {string.Join(", ", graph.Outputs.Select(o => o.Name))}");
            }

            if (!names.Contains(name.GetString()!))
            {
                names.Add(name.GetString()!);
            }
        }

        requested = names;
        return null;
    }

    private static void Flatten(JsonElement data, List<JsonElement> values)
    {
        foreach (var item in data.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                Flatten(item, values);
            }
            else
            {
                values.Add(item);
            }
        }
    }

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
