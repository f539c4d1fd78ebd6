using System.Text.Json;
using AiMaas.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Serving.OpenInference;

/// <summary>
/// Reads an <c>$inference_request</c> for a tabular model: one input tensor per feature, shape <c>[batch]</c> or
/// <c>[batch, 1]</c>, <c>data</c> flat (or nested) in row-major order; FP32 (or another numeric type) for number features,
/// BYTES for text features; <c>null</c> marks a missing value.
/// </summary>
internal static class InferenceRequestReader
{
    public static Result<InferenceRequest> Read(JsonElement root, DataViewSchema schema, TaskKind task, int maxRows)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("inputs", out var inputs)
            || inputs.ValueKind != JsonValueKind.Array
            || inputs.GetArrayLength() == 0)
        {
            return Problem.Invalid("inputs", "expected an array of input tensors, one per feature: {\"inputs\": [{\"name\", \"shape\", \"datatype\", \"data\"}]}");
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

        if (ReadOutputs(root, task, out var outputs) is { } outputProblem)
        {
            return outputProblem;
        }

        var errors = new Dictionary<string, string[]>();
        var tensors = new (JsonElement Data, string Datatype)?[schema.Count];
        int? batch = null;
        var index = -1;
        foreach (var input in inputs.EnumerateArray())
        {
            index++;
            var field = $"inputs[{index}]";
            if (!TryReadHeader(input, schema, out var column, out var rows, out var datatype, out var error))
            {
                errors[field] = [error!];
                continue;
            }

            if (tensors[column.Index] is not null)
            {
                errors[field] = [$"input '{column.Name}' is given twice"];
                continue;
            }

            if (batch is { } expected && rows != expected)
            {
                errors[field] = [$"input '{column.Name}' has {rows} rows; the other inputs have {expected}"];
                continue;
            }

            batch = rows;
            tensors[column.Index] = (input.GetProperty("data"), datatype!);
        }

        foreach (var column in schema.Where(c => tensors[c.Index] is null && !errors.Keys.Any(k => k.StartsWith("inputs[", StringComparison.Ordinal))))
        {
            errors[$"inputs.{column.Name}"] = [$"required input is missing; expected a {Datatypes.For(column.Type)} tensor of shape [batch] named '{column.Name}'"];
        }

        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }

        var count = batch!.Value;
        if (count == 0)
        {
            return Problem.Invalid("inputs", "expected at least one row");
        }

        if (count > maxRows)
        {
            return Problem.TooLarge($"inputs: {count} rows exceed the limit of {maxRows} per request; split the batch.");
        }

        var columns = new Array[schema.Count];
        foreach (var column in schema)
        {
            var (data, datatype) = tensors[column.Index]!.Value;
            var result = ReadColumn(data, column, datatype, count);
            if (result.Failed(out var columnProblem))
            {
                errors[$"inputs.{column.Name}.data"] = [columnProblem.Detail];
            }
            else
            {
                columns[column.Index] = result.Value;
            }
        }

        return errors.Count > 0 ? Problem.Invalid(errors) : new InferenceRequest(new TabularDataView(schema, columns, count), id, outputs);
    }

    private static bool TryReadHeader(
        JsonElement input, DataViewSchema schema, out DataViewSchema.Column column, out int rows, out string? datatype, out string? error)
    {
        column = default;
        rows = 0;
        datatype = null;
        if (input.ValueKind != JsonValueKind.Object
            || !input.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
            || !input.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array
            || !input.TryGetProperty("datatype", out var type) || type.ValueKind != JsonValueKind.String
            || !input.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            error = "expected an input tensor {\"name\": string, \"shape\": [batch], \"datatype\": string, \"data\": [...]}";
            return false;
        }

        var found = schema.GetColumnOrNull(name.GetString()!);
        if (found is null)
        {
            error = $"unknown input '{Truncate(name.GetString()!)}'; the model's inputs are {string.Join(", ", schema.Select(c => c.Name))}";
            return false;
        }

        column = found.Value;
        datatype = type.GetString()!;
        var expected = Datatypes.For(column.Type);
        if (!Datatypes.IsKnown(datatype))
        {
            error = $"input '{column.Name}': unknown datatype '{Truncate(datatype)}'; expected {expected}";
            return false;
        }

        if (expected == Datatypes.Bytes ? datatype != Datatypes.Bytes : !Datatypes.IsNumeric(datatype))
        {
            error = $"input '{column.Name}' is a {(expected == Datatypes.Bytes ? "text" : "number")} feature: expected datatype {expected}, got {datatype}";
            return false;
        }

        var dimensions = shape.EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var n) && n >= 0 ? n : -1).ToArray();
        if (dimensions.Length is < 1 or > 2 || dimensions[0] < 0 || (dimensions.Length == 2 && dimensions[1] != 1))
        {
            error = $"input '{column.Name}': expected shape [batch] or [batch, 1], got [{string.Join(", ", shape.EnumerateArray().Select(d => d.GetRawText()))}]";
            return false;
        }

        rows = dimensions[0];
        error = null;
        return true;
    }

    private static Result<Array> ReadColumn(JsonElement data, DataViewSchema.Column column, string datatype, int rows)
    {
        var values = new List<JsonElement>(rows);
        Flatten(data, values);
        if (values.Count != rows)
        {
            return Problem.Invalid($"expected {rows} values (the shape's batch), got {values.Count}");
        }

        if (column.Type is TextDataViewType)
        {
            var texts = new ReadOnlyMemory<char>[rows];
            for (var i = 0; i < rows; i++)
            {
                var value = values[i];
                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        texts[i] = value.GetString().AsMemory();
                        break;
                    case JsonValueKind.Null:
                        texts[i] = ReadOnlyMemory<char>.Empty;
                        break;
                    case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                        texts[i] = value.GetRawText().AsMemory();
                        break;
                    default:
                        return Problem.Invalid($"data[{i}]: expected a string");
                }
            }

            return texts;
        }

        var numbers = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            var value = values[i];
            if (value.ValueKind == JsonValueKind.Number && value.TryGetSingle(out var number) && float.IsFinite(number))
            {
                numbers[i] = number;
            }
            else if (value.ValueKind == JsonValueKind.Null)
            {
                numbers[i] = float.NaN;
            }
            else
            {
                return Problem.Invalid($"data[{i}]: expected a number ({datatype}) or null when missing, got {Truncate(value.GetRawText())}");
            }
        }

        return numbers;
    }

    /// <summary>The protocol allows tensor data flat or nested in the tensor's shape; both read as row-major.</summary>
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

    private static Problem? ReadOutputs(JsonElement root, TaskKind task, out IReadOnlySet<string>? requested)
    {
        requested = null;
        if (!root.TryGetProperty("outputs", out var outputs) || outputs.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var known = OutputTensors.Names(task);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (outputs.ValueKind != JsonValueKind.Array)
        {
            return Problem.Invalid("outputs", "expected an array of {\"name\": string}");
        }

        foreach (var output in outputs.EnumerateArray())
        {
            if (output.ValueKind != JsonValueKind.Object || !output.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                return Problem.Invalid("outputs", "expected an array of {\"name\": string}");
            }

            if (!known.Contains(name.GetString()!))
            {
                return Problem.Invalid("outputs", $"unknown output '{Truncate(name.GetString()!)}'; this model's outputs are {string.Join(", ", known)}");
            }

            names.Add(name.GetString()!);
        }

        requested = names;
        return null;
    }

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
