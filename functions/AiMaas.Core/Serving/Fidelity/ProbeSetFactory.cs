using System.Text.Json;
using AiMaas.Core.Data;
using AiMaas.Core.Serving.Scoring;
using Microsoft.ML;

namespace AiMaas.Core.Serving.Fidelity;

/// <summary>Records what ML.NET's own <c>Transform</c> answers for probe rows: the reference every serving path is held to.</summary>
public static class ProbeSetFactory
{
    public static ProbeSet Create(ITransformer model, TabularDataView rows, TaskKind task, IReadOnlyList<string>? classes)
    {
        var scored = OutputReader.ReadBatch(model.Transform(rows), task, classes, rows.RowCount);
        return new ProbeSet(
            rows.RowCount,
            ProbeRows.ToColumns(rows),
            new ProbeOutputs(scored.Scores, scored.BinaryLabels, scored.Probabilities, scored.ClassLabels));
    }

    public static byte[] Serialize(ProbeSet probe) => JsonSerializer.SerializeToUtf8Bytes(probe, AiMaasJson.Options);

    public static ProbeSet? Deserialize(byte[] json) => JsonSerializer.Deserialize<ProbeSet>(json, AiMaasJson.Options);
}
