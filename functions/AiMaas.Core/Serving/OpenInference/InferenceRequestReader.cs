using System.Text;
using System.Text.Json;
using AiMaas.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Serving.OpenInference;

/// <summary>
/// Reads an <c>$inference_request</c> for a tabular model: one input tensor per feature, shape <c>[batch]</c> or
/// <c>[batch, 1]</c>, <c>data</c> flat (or nested) in row-major order; FP32 (or another numeric type) for number features,
/// BYTES for text features; <c>null</c> marks a missing value. The envelope comes from <see cref="InferenceEnvelopeReader"/>.
/// </summary>
internal static class InferenceRequestReader
{
    public static Result<InferenceRequest> Read(InferenceEnvelope envelope, DataViewSchema schema, TaskKind task, int maxRows)
    {
        if (envelope.Inputs is not { Count: > 0 } inputs)
        {
            return Problem.Invalid("inputs", "expected an array of input tensors, one per feature: {\"inputs\": [{\"name\", \"shape\", \"datatype\", \"data\"}]}");
        }

        if (CheckOutputs(envelope, task, out var outputs) is { } outputProblem)
        {
            return outputProblem;
        }

        var errors = new Dictionary<string, string[]>();
        var tensors = new EnvelopeTensor?[schema.Count];
        int? batch = null;
        for (var index = 0; index < inputs.Count; index++)
        {
            var input = inputs[index];
            var field = $"inputs[{index}]";
            if (!TryReadHeader(input, schema, out var column, out var rows, out var error))
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
            tensors[column.Index] = input;
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
            var tensor = tensors[column.Index]!;
            var result = ReadColumn(tensor.Json, column, tensor.Datatype, count);
            if (result.Failed(out var columnProblem))
            {
                errors[$"inputs.{column.Name}.data"] = [columnProblem.Detail];
            }
            else
            {
                columns[column.Index] = result.Value;
            }
        }

        return errors.Count > 0 ? Problem.Invalid(errors) : new InferenceRequest(new TabularDataView(schema, columns, count), envelope.Id, outputs);
    }

    private static bool TryReadHeader(EnvelopeTensor input, DataViewSchema schema, out DataViewSchema.Column column, out int rows, out string? error)
    {
        column = default;
        rows = 0;
        if (!input.IsWellFormed)
        {
            error = "expected an input tensor {\"name\": string, \"shape\": [batch], \"datatype\": string, \"data\": [...]}";
            return false;
        }

        var found = schema.GetColumnOrNull(input.Name);
        if (found is null)
        {
            error = $"unknown input '{Truncate(input.Name)}'; the model's inputs are {string.Join(", ", schema.Select(c => c.Name))}";
            return false;
        }

        column = found.Value;
        var datatype = input.Datatype;
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

        var shape = input.Shape;
        if (shape.Length is < 1 or > 2 || shape[0] is < 0 or > int.MaxValue || (shape.Length == 2 && shape[1] != 1))
        {
            error = $"input '{column.Name}': expected shape [batch] or [batch, 1], got {input.ShapeText}";
            return false;
        }

        if (input.IsBinary)
        {
            error = $"input '{column.Name}': binary tensor data is served for ONNX models; send this model's values as JSON in \"data\"";
            return false;
        }

        rows = (int)shape[0];
        error = null;
        return true;
    }

    private static Result<Array> ReadColumn(ReadOnlyMemory<byte> data, DataViewSchema.Column column, string datatype, int rows)
    {
        var text = column.Type is TextDataViewType;
        var texts = text ? new ReadOnlyMemory<char>[rows] : null;
        var numbers = text ? null : new float[rows];
        var reader = TensorValues.Open(data);
        var depth = 1;
        var count = 0;
        string? error = null;
        while (TensorValues.Next(ref reader, ref depth))
        {
            var i = count++;
            if (i >= rows || error is not null)
            {
                continue;
            }

            var token = reader.TokenType;
            if (texts is not null)
            {
                switch (token)
                {
                    case JsonTokenType.String:
                        texts[i] = reader.GetString().AsMemory();
                        break;
                    case JsonTokenType.Null:
                        texts[i] = ReadOnlyMemory<char>.Empty;
                        break;
                    case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                        texts[i] = Encoding.UTF8.GetString(reader.ValueSpan).AsMemory();
                        break;
                    default:
                        error = $"data[{i}]: expected a string";
                        break;
                }
            }
            else if (token == JsonTokenType.Number && reader.TryGetSingle(out var number) && float.IsFinite(number))
            {
                numbers![i] = number;
            }
            else if (token == JsonTokenType.Null)
            {
                numbers![i] = float.NaN;
            }
            else
            {
                error = $"data[{i}]: expected a number ({datatype}) or null when missing, got {TensorValues.Describe(ref reader)}";
            }

            if (token == JsonTokenType.StartObject)
            {
                reader.Skip();
            }
        }

        if (count != rows)
        {
            return Problem.Invalid($"expected {rows} values (the shape's batch), got {count}");
        }

        return error is not null ? Problem.Invalid(error) : texts is not null ? texts : numbers!;
    }

    private static Problem? CheckOutputs(InferenceEnvelope envelope, TaskKind task, out IReadOnlySet<string>? requested)
    {
        requested = null;
        if (envelope.BinaryOutputs || envelope.Outputs?.Any(o => o.Binary is true) is true)
        {
            return Problem.Invalid("outputs", "binary output data is served for ONNX models; this model answers its outputs as JSON");
        }

        if (envelope.Outputs is not { } outputs)
        {
            return null;
        }

        var known = OutputTensors.Names(task);
        if (outputs.FirstOrDefault(o => !known.Contains(o.Name)) is { } unknown)
        {
            return Problem.Invalid("outputs", $"unknown output '{Truncate(unknown.Name)}'; this model's outputs are {string.Join(", ", known)}");
        }

        requested = outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        return null;
    }

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
