using Microsoft.ML;

namespace AiMaas.Core.Evaluation;

/// <summary>
/// The held-out rows of a training run with their true labels as plain values, so that any model with the same
/// features can be scored on exactly the same rows (class names, not key indices, since models number classes differently).
/// </summary>
public sealed record HoldOut(IDataView Rows, TaskKind Task, int Count)
{
    public IReadOnlyList<float> Values { get; init; } = [];

    public IReadOnlyList<bool> Flags { get; init; } = [];

    public IReadOnlyList<string> Classes { get; init; } = [];

    internal static HoldOut Read(IDataView rows, TaskKind task, IReadOnlyList<string>? classes)
    {
        var label = rows.Schema[ColumnNames.Label];
        using var cursor = rows.GetRowCursor([label]);
        switch (task)
        {
            case TaskKind.Regression:
                {
                    var values = ReadAll<float>(cursor, label);
                    return new HoldOut(rows, task, values.Count) { Values = values };
                }

            case TaskKind.Binary:
                {
                    var flags = ReadAll<bool>(cursor, label);
                    return new HoldOut(rows, task, flags.Count) { Flags = flags };
                }

            default:
                {
                    // Keys count from 1 in the order of the training's class list.
                    var names = ReadAll<uint>(cursor, label).Select(k => k == 0 ? "" : classes![(int)k - 1]).ToArray();
                    return new HoldOut(rows, task, names.Length) { Classes = names };
                }
        }
    }

    private static List<T> ReadAll<T>(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var getter = cursor.GetGetter<T>(column);
        var values = new List<T>();
        T value = default!;
        while (cursor.MoveNext())
        {
            getter(ref value);
            values.Add(value);
        }

        return values;
    }
}
