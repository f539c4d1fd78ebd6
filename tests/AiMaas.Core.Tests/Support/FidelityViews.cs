using AiMaas.Core.Data;
using AiMaas.Tests.Fidelity;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Tests.Support;

/// <summary>Fidelity rows as the columnar batch the serving path scores.</summary>
internal static class FidelityViews
{
    public static TabularDataView ToView(DataViewSchema schema, IReadOnlyList<FidelityRow> rows) =>
        new(schema, schema.Select(c => c.Type is TextDataViewType
            ? (Array)rows.Select(r => ((r.Values[c.Name] as string) ?? "").AsMemory()).ToArray()
            : rows.Select(r => r.Values[c.Name] is float value ? value : float.NaN).ToArray()).ToArray(), rows.Count);
}
