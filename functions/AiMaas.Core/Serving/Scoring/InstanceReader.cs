using System.Text.Json;
using AiMaas.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Serving.Scoring;

/// <summary>
/// Reads <c>{"instances": [{feature: value, ...}]}</c> into columns typed by the model's own input schema,
/// naming every missing or mistyped feature with the type it expects.
/// </summary>
internal static class InstanceReader
{
    private const int MaxReportedErrors = 20;

    /// <param name="root">The request body.</param>
    /// <param name="schema">The model's input schema.</param>
    /// <param name="maxInstances">The most instances accepted; more is a <see cref="ProblemKind.TooLarge"/> problem.</param>
    /// <param name="allowPositional">Also accept an instance given as an array of values in feature order (KServe V1 / TensorFlow Serving clients).</param>
    public static Result<TabularDataView> Read(JsonElement root, DataViewSchema schema, int maxInstances, bool allowPositional = false)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("instances", out var instances)
            || instances.ValueKind != JsonValueKind.Array)
        {
            return Problem.Invalid("instances", "expected an array of objects, e.g. {\"instances\": [{\"feature\": 1.5}]}");
        }

        var count = instances.GetArrayLength();
        if (count == 0)
        {
            return Problem.Invalid("instances", "expected at least one instance");
        }

        if (count > maxInstances)
        {
            return Problem.TooLarge($"instances: {count} instances exceed the limit of {maxInstances} per request; split the batch.");
        }

        var columns = new Array[schema.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = CreateColumn(schema[c].Type, count);
        }

        var errors = new Dictionary<string, string[]>();
        var row = 0;
        foreach (var instance in instances.EnumerateArray())
        {
            if (allowPositional && instance.ValueKind == JsonValueKind.Array)
            {
                ReadPositional(instance, row, schema, columns, errors);
            }
            else if (instance.ValueKind != JsonValueKind.Object)
            {
                errors[$"instances[{row}]"] = [allowPositional
                    ? "expected an object mapping feature names to values, or an array of values in feature order"
                    : "expected an object mapping feature names to values"];
            }
            else
            {
                foreach (var column in schema)
                {
                    var error = instance.TryGetProperty(column.Name, out var value)
                        ? Assign(columns[column.Index], row, column.Type, value)
                        : $"required feature is missing; expected {Describe(column.Type)}";
                    if (error is not null)
                    {
                        // The field's name is only spelled out for an error: not once per feature of every request.
                        errors[$"instances[{row}].{column.Name}"] = [error];
                    }
                }
            }

            if (errors.Count >= MaxReportedErrors)
            {
                break;
            }

            row++;
        }

        return errors.Count > 0 ? Problem.Invalid(errors) : new TabularDataView(schema, columns, count);
    }

    /// <summary>An instance given as a list of values in the order of the model's features (as TensorFlow Serving and KServe clients send rows).</summary>
    private static void ReadPositional(JsonElement instance, int row, DataViewSchema schema, Array[] columns, Dictionary<string, string[]> errors)
    {
        if (instance.GetArrayLength() != schema.Count)
        {
            errors[$"instances[{row}]"] =
                [$"expected {schema.Count} values in feature order ({string.Join(", ", schema.Select(c => c.Name))}), got {instance.GetArrayLength()}"];
            return;
        }

        var index = 0;
        foreach (var value in instance.EnumerateArray())
        {
            var column = schema[index++];
            if (Assign(columns[column.Index], row, column.Type, value) is { } error)
            {
                errors[$"instances[{row}][{column.Index}]"] = [$"{column.Name}: {error}"];
            }
        }
    }

    public static string Describe(DataViewType type) => type switch
    {
        NumberDataViewType => "a number (or null when missing)",
        TextDataViewType => "a string",
        BooleanDataViewType => "true or false",
        _ => $"a value of type {type}",
    };

    private static Array CreateColumn(DataViewType type, int rows) => type switch
    {
        NumberDataViewType when type.RawType == typeof(float) => new float[rows],
        TextDataViewType => new ReadOnlyMemory<char>[rows],
        BooleanDataViewType => new bool[rows],
        _ => throw new NotSupportedException($"Input columns of type {type} are not supported."),
    };

    private static string? Assign(Array column, int row, DataViewType type, JsonElement value)
    {
        switch (column)
        {
            case float[] numbers when value.ValueKind == JsonValueKind.Number && value.TryGetSingle(out var number) && float.IsFinite(number):
                numbers[row] = number;
                return null;
            case float[] numbers when value.ValueKind == JsonValueKind.Null:
                numbers[row] = float.NaN;
                return null;
            case ReadOnlyMemory<char>[] texts when value.ValueKind == JsonValueKind.String:
                if (!TryGetText(value, out var text))
                {
                    return "expected valid Unicode text, got a string with an unpaired surrogate escape";
                }

                texts[row] = text.AsMemory();
                return null;
            case ReadOnlyMemory<char>[] texts when value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                texts[row] = value.GetRawText().AsMemory();
                return null;
            case ReadOnlyMemory<char>[] texts when value.ValueKind == JsonValueKind.Null:
                texts[row] = ReadOnlyMemory<char>.Empty;
                return null;
            case bool[] flags when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                flags[row] = value.GetBoolean();
                return null;
            default:
                return $"expected {Describe(type)}, got {Kind(value)}";
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        // The raw text: a string with an unpaired surrogate escape (valid JSON, invalid UTF-16) cannot be decoded.
        JsonValueKind.String => $"the string {Truncate(value.GetRawText())}",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;

    /// <summary>False for JSON strings that are not valid UTF-16 once unescaped (an unpaired <c>\ud800</c>).</summary>
    private static bool TryGetText(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }
}
