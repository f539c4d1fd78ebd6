using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Scoring;
using Microsoft.ML;

namespace AiMaas.Core.Serving;

/// <summary>
/// A model version held in memory with its pooled scorer. <see cref="ITransformer.Transform"/> is safe to call from many
/// threads at once, and so is <see cref="Scorer"/>. <see cref="EstimatedBytes"/> is what the cache counts against its budget.
/// </summary>
public sealed record LoadedModel(ModelManifest Manifest, ITransformer Transformer, DataViewSchema InputSchema, ModelScorer Scorer, long EstimatedBytes)
{
    public ModelKey Key => new(Manifest.Model, Manifest.Version);
}
