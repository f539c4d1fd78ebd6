using AiMaas.Core.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Serving.Fidelity;

/// <summary>Builds the input rows of a probe as a data view over the model's input schema.</summary>
public static class ProbeRows
{
    /// <summary>Rows held out from training that a probe takes.</summary>
    public const int HoldOutRows = 16;

    /// <summary>Rows across value regimes that a probe of an uploaded model takes.</summary>
    public const int SyntheticRows = 24;

    private const string UnseenCategory = "(a category never seen in training)";

    private static readonly float[] NumberRegimes = [0f, 0.5f, 1f, -1f, -250.75f, 1950f, 2023f, 4500f, 125_000f, 1.5e6f, -3e6f, 1e7f, float.NaN];

    private static readonly string[] TextRegimes = ["", "a", "b", "red", "north", UnseenCategory];

    /// <summary>
    /// The first <see cref="HoldOutRows"/> rows of <paramref name="rows"/>, then one row with every value missing and one
    /// with the first row's numbers and a category no model saw: real data plus the two cases a fast path gets wrong first.
    /// </summary>
    public static TabularDataView FromHoldOut(IDataView rows, DataViewSchema inputSchema)
    {
        var taken = new List<object[]>();
        using (var cursor = rows.GetRowCursor(inputSchema.Select(c => rows.Schema[c.Name])))
        {
            var getters = inputSchema.Select(c => Getter(cursor, rows.Schema[c.Name])).ToArray();
            while (taken.Count < HoldOutRows && cursor.MoveNext())
            {
                taken.Add(getters.Select(g => g()).ToArray());
            }
        }

        var first = taken.Count > 0 ? taken[0] : inputSchema.Select(c => IsText(c) ? (object)"" : 0f).ToArray();
        taken.Add(inputSchema.Select(c => IsText(c) ? (object)"" : float.NaN).ToArray());
        taken.Add(inputSchema.Select((c, i) => IsText(c) ? UnseenCategory : first[i]).ToArray());
        return ToDataView(inputSchema, taken);
    }

    /// <summary>Seeded rows whose values range over the regimes users send: fractions, years, prices, negatives, millions, missing.</summary>
    public static TabularDataView Synthetic(DataViewSchema inputSchema)
    {
        var random = new Random(20261201);
        var rows = Enumerable.Range(0, SyntheticRows)
            .Select(_ => inputSchema.Select(c => IsText(c)
                ? (object)TextRegimes[random.Next(TextRegimes.Length)]
                : NumberRegimes[random.Next(NumberRegimes.Length)] * (float)(0.5 + random.NextDouble())).ToArray())
            .ToList();
        return ToDataView(inputSchema, rows);
    }

    /// <summary>The stored rows of a probe, over the schema of the model that loads them.</summary>
    public static TabularDataView FromProbe(ProbeSet probe, DataViewSchema inputSchema)
    {
        var columns = inputSchema.Select(c =>
        {
            var stored = probe.Inputs.FirstOrDefault(i => i.Name == c.Name)
                ?? throw new InvalidDataException($"The probe has no column '{c.Name}'.");
            return IsText(c)
                ? (Array)(stored.Texts ?? throw new InvalidDataException($"Probe column '{c.Name}' holds no text.")).Select(t => t.AsMemory()).ToArray()
                : (stored.Numbers ?? throw new InvalidDataException($"Probe column '{c.Name}' holds no numbers.")).Select(n => n ?? float.NaN).ToArray();
        }).ToArray();
        return new TabularDataView(inputSchema, columns, probe.Rows);
    }

    /// <summary>The columns of <paramref name="rows"/> as they are stored in <c>probe.json</c>.</summary>
    public static IReadOnlyList<ProbeColumn> ToColumns(TabularDataView rows) =>
        rows.Schema.Select(c => rows.Columns[c.Index] switch
        {
            float[] numbers => new ProbeColumn(c.Name, numbers.Select(n => float.IsNaN(n) ? (float?)null : n).ToArray(), null),
            ReadOnlyMemory<char>[] texts => new ProbeColumn(c.Name, null, texts.Select(t => t.ToString()).ToArray()),
            var other => throw new InvalidOperationException($"Column '{c.Name}' holds {other.GetType().Name}."),
        }).ToArray();

    private static bool IsText(DataViewSchema.Column column) => column.Type is TextDataViewType;

    private static Func<object> Getter(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type is TextDataViewType)
        {
            var text = cursor.GetGetter<ReadOnlyMemory<char>>(column);
            return () =>
            {
                ReadOnlyMemory<char> value = default;
                text(ref value);
                return value.ToString();
            };
        }

        var number = cursor.GetGetter<float>(column);
        return () =>
        {
            var value = 0f;
            number(ref value);
            return value;
        };
    }

    private static TabularDataView ToDataView(DataViewSchema inputSchema, List<object[]> rows)
    {
        var columns = inputSchema.Select(c => IsText(c)
            ? (Array)rows.Select(r => ((string)r[c.Index]).AsMemory()).ToArray()
            : rows.Select(r => (float)r[c.Index]).ToArray()).ToArray();
        return new TabularDataView(inputSchema, columns, rows.Count);
    }
}
