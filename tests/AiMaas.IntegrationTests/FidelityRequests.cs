using System.Text.Json;
using AiMaas.Tests.Fidelity;

namespace AiMaas.IntegrationTests;

/// <summary>Fidelity rows as each protocol's request body; missing values are JSON nulls.</summary>
internal static class FidelityRequests
{
    /// <summary><c>{"instances": [{feature: value, ...}, ...]}</c>, for the AiMaas API and KServe V1.</summary>
    public static string Instances(IEnumerable<FidelityRow> rows) =>
        JsonSerializer.Serialize(new { instances = rows.Select(r => r.Values.ToDictionary(v => v.Key, v => v.Value)) });

    /// <summary>One Open Inference V2 tensor per feature, of shape [n] or [n, 1].</summary>
    public static string Tensors(IReadOnlyList<FidelityRow> rows, bool column)
    {
        var features = rows[0].Values.Keys;
        var inputs = features.Select(f => new
        {
            name = f,
            shape = column ? new[] { rows.Count, 1 } : [rows.Count],
            datatype = FidelityDatasets.IsText(f) ? "BYTES" : "FP32",
            data = column
                ? rows.Select(r => (object)new[] { r.Values[f] }).ToArray()
                : rows.Select(r => r.Values[f]).ToArray(),
        });
        return JsonSerializer.Serialize(new { inputs });
    }
}
