using AiMaas.Core.Data;
using AiMaas.Core.Registry;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiMaas.Core.Serving.Onnx;

/// <summary>
/// Exports a version as an ONNX graph: an ML.NET version through ML.NET's ONNX converter, where every step of its
/// pipeline can be converted; an ONNX version as the file it was uploaded as.
/// </summary>
public sealed class OnnxExporter(ModelRegistry registry)
{
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

    /// <summary>ML.NET's converter walks the pipeline; a step with no ONNX form throws, naming it.</summary>
    public static Result<byte[]> Convert(ModelManifest manifest, byte[] zip)
    {
        var ml = new MLContext();
        var transformer = ml.Model.Load(new MemoryStream(zip, writable: false), out var inputSchema);
        var sample = new TabularDataView(
            inputSchema,
            inputSchema.Select(c => c.Type is TextDataViewType ? (Array)new ReadOnlyMemory<char>[1] : new float[1]).ToArray(),
            rowCount: 1);
        try
        {
            using var stream = new MemoryStream();
            ml.Model.ConvertToOnnx(transformer, sample, stream);
            return stream.ToArray();
        }
        catch (Exception ex) when (ex is NotSupportedException or NotImplementedException or InvalidOperationException or ArgumentException or KeyNotFoundException or InvalidCastException)
        {
            return Problem.Conflict($"Version {manifest.Version} of model '{manifest.Model}' ({manifest.Trainer.Name}) cannot be exported to ONNX: {ex.Message}");
        }
    }
}
