using AiMaas.Core.Registry;
using Microsoft.ML;

namespace AiMaas.Core.Serving;

/// <summary>A model version held in memory. <see cref="ITransformer.Transform"/> is safe to call from many threads at once.</summary>
public sealed record LoadedModel(ModelManifest Manifest, ITransformer Transformer, DataViewSchema InputSchema);
