using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Vocabulary;
using AiMaas.Tests.Fidelity;

namespace AiMaas.Core.Tests.Support;

/// <summary>Turns the serving path's scored columns into per-row outputs comparable with ML.NET's reference.</summary>
internal static class ScoredOutputs
{
    public static IReadOnlyList<ReferenceOutput> ToOutputs(ScoredBatch batch) =>
        Enumerable.Range(0, batch.Rows).Select(row => batch.Task switch
        {
            TaskKind.Regression => new ReferenceOutput(batch.Scores![row], null, null, null),
            TaskKind.Binary => new ReferenceOutput(batch.Scores![row], batch.BinaryLabels![row], batch.Probabilities![row], null),
            _ => new ReferenceOutput(
                null,
                batch.ClassLabels![row],
                null,
                batch.Classes.Select((c, i) => (c, batch.Probabilities![(row * batch.ClassCount) + i])).ToDictionary(p => p.c, p => p.Item2)),
        }).ToArray();
}
