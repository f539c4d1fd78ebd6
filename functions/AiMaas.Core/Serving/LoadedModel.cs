using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Onnx;
using AiMaas.Core.Serving.Scoring;
using Microsoft.ML;

namespace AiMaas.Core.Serving;

/// <summary>
/// A model version held in memory with its pooled scorer. <see cref="ITransformer.Transform"/> is safe to call from many
/// threads at once, and so is <see cref="Scorer"/>. <see cref="EstimatedBytes"/> is what the cache counts against its budget.
/// An ONNX version holds its <see cref="Onnx"/> session instead of an ML.NET pipeline.
/// </summary>
public sealed record LoadedModel(ModelManifest Manifest, ITransformer Transformer, DataViewSchema InputSchema, IBatchScorer Scorer, long EstimatedBytes)
{
    public VersionKey Key => new(Manifest.Model, Manifest.Version);

    /// <summary>The ONNX Runtime session of an ONNX version; null for ML.NET versions.</summary>
    public OnnxModel? Onnx { get; init; }

    /// <summary>Called by the cache when it drops the version: releases native resources once in-flight requests end.</summary>
    public void Retire() => Onnx?.Retire();
}
