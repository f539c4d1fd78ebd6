using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>Turns the verified bytes of an ONNX version into a <see cref="LoadedModel"/> holding one session.</summary>
public static class OnnxVersionLoader
{
    public static bool IsOnnx(ModelManifest manifest) => string.Equals(manifest.Format, ModelSources.Onnx, StringComparison.Ordinal);

    /// <summary>The loaded version; a corrupt problem when the manifest does not describe the graph or ONNX Runtime cannot load the bytes.</summary>
    public static Result<LoadedModel> Load(ModelManifest manifest, byte[] bytes, ServingOptions settings)
    {
        if (manifest.Onnx is not { } description)
        {
            return Problem.Corrupt($"Version {manifest.Version} of model '{manifest.Model}' is an ONNX version whose manifest does not describe its graph.");
        }

        InferenceSession session;
        try
        {
            session = OnnxSessions.Create(bytes, settings.OnnxIntraOpThreads);
        }
        catch (OnnxRuntimeException ex)
        {
            return Problem.Corrupt($"Version {manifest.Version} of model '{manifest.Model}' cannot be loaded by ONNX Runtime: {ex.Message}");
        }

        // Decided once, from the graph: a batch is split across the cores only when no operator can mix its rows.
        var split = OnnxRowIndependence.Decide(bytes, description);
        var onnx = new OnnxModel(session, description, split, settings.ParallelBatchThreshold, settings.OnnxIntraOpThreads);
        var schema = FeatureSchema(manifest.Features);
        IBatchScorer scorer = description.FeatureInput is null ? new UnmappedScorer() : new OnnxTabularScorer(onnx, manifest);
        var estimated = settings.ModelOverheadBytes + (long)(bytes.LongLength * settings.ModelMemoryFactor);
        return new LoadedModel(manifest, OnnxGraphTransformer.Instance, schema, scorer, estimated) { Onnx = onnx };
    }

    /// <summary>A conflict for the AiMaas API and KServe V1 when the version is an ONNX graph with no named features; null otherwise.</summary>
    public static Problem? RequireNamedFeatures(LoadedModel model) =>
        model.Onnx is { Description.FeatureInput: null }
            ? Problem.Conflict($"Version {model.Manifest.Version} of model '{model.Manifest.Model}' is an ONNX graph without named features: "
                + $"send its tensors to /v2/models/{model.Manifest.Model}/infer, or upload it again with \"features\" (and \"task\") in its metadata.")
            : null;

    /// <summary>The named features as the input schema the AiMaas API validates instances against: numbers, in tensor order.</summary>
    public static DataViewSchema FeatureSchema(IReadOnlyList<FeatureDefinition> features)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var feature in features)
        {
            builder.AddColumn(feature.Name, feature.Type == ColumnKind.Text ? TextDataViewType.Instance : NumberDataViewType.Single);
        }

        return builder.ToSchema();
    }

    /// <summary>The scorer of a version uploaded without feature names: only tensors through Open Inference V2 reach it.</summary>
    private sealed class UnmappedScorer : IBatchScorer
    {
        public ScoredBatch Score(Data.TabularDataView batch) =>
            throw new InvalidOperationException("This ONNX version maps no named features onto its inputs.");
    }
}
