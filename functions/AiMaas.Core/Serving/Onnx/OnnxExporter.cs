using AiMaas.Core.Data;
using AiMaas.Core.Registry;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// Exports a version as an ONNX graph: an ML.NET version through ML.NET's ONNX converter, where every step of its
/// pipeline can be converted; an ONNX version as the file it was uploaded as.
/// </summary>
public sealed class OnnxExporter(ModelRegistry registry)
{
    private const string ScoreOutput = "Score.output";

    public async Task<Result<byte[]>> ExportAsync(string model, int version, CancellationToken cancellationToken)
    {
        var manifest = await registry.GetManifestAsync(model, version, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return Problem.NotFound($"Version {version} of model '{model}' does not exist.");
        }

        var bytes = await registry.DownloadArtifactAsync(manifest, cancellationToken).ConfigureAwait(false);
        if (bytes is null || !string.Equals(ContentHash.Sha256(bytes), manifest.Artifact.Sha256, StringComparison.Ordinal))
        {
            return Problem.Corrupt($"Version {version} of model '{model}' is corrupt: {Path.GetFileName(manifest.Artifact.Path)} is missing or does not match the SHA-256 in its manifest.");
        }

        return OnnxVersionLoader.IsOnnx(manifest) ? bytes : Convert(manifest, bytes);
    }

    /// <summary>
    /// ML.NET's converter walks the pipeline. A step with no ONNX form either makes it throw or is left out with what
    /// depends on it, so the graph must still answer the score: otherwise the version cannot be exported.
    /// </summary>
    public static Result<byte[]> Convert(ModelManifest manifest, byte[] zip)
    {
        var ml = new MLContext();
        var transformer = ml.Model.Load(new MemoryStream(zip, writable: false), out var inputSchema);
        var sample = new TabularDataView(
            inputSchema,
            inputSchema.Select(c => c.Type is TextDataViewType ? (Array)new ReadOnlyMemory<char>[1] : new float[1]).ToArray(),
            rowCount: 1);
        byte[] onnx;
        try
        {
            using var stream = new MemoryStream();
            ml.Model.ConvertToOnnx(transformer, sample, stream);
            onnx = stream.ToArray();
        }
        catch (Exception ex) when (ex is NotSupportedException or NotImplementedException or InvalidOperationException or ArgumentException or KeyNotFoundException or InvalidCastException)
        {
            return Unconvertible(manifest, transformer, ex.Message);
        }

        try
        {
            using var session = new InferenceSession(onnx);
            return session.OutputMetadata.ContainsKey(ScoreOutput)
                ? onnx
                : Unconvertible(manifest, transformer, $"the converted graph has no '{ScoreOutput}'");
        }
        catch (OnnxRuntimeException ex)
        {
            return Unconvertible(manifest, transformer, $"ONNX Runtime cannot load the converted graph: {ex.Message}");
        }
    }

    private static Problem Unconvertible(ModelManifest manifest, ITransformer transformer, string reason)
    {
        var steps = transformer is IEnumerable<ITransformer> chain ? chain.Select(t => t.GetType().Name).ToArray() : [transformer.GetType().Name];
        return Problem.Conflict($"Version {manifest.Version} of model '{manifest.Model}' ({manifest.Trainer.Name}) cannot be exported to ONNX: {reason}. "
            + $"A step of its pipeline ({string.Join(" → ", steps)}) has no ONNX form in ML.NET's converter.");
    }
}
