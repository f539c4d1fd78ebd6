using AiMaas.Core.Data;
using AiMaas.Core.Diagnostics;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML;

namespace AiMaas.Core.Serving;

/// <summary>Downloads a version, checks its bytes against the manifest's SHA-256, deserializes it and builds its first scoring engine.</summary>
public sealed class ModelLoader(ModelRegistry registry, IOptions<ServingOptions> options, ILogger<ModelLoader> logger)
{
    /// <summary>The loaded model, or null when the version does not exist.</summary>
    public async Task<LoadedModel?> LoadAsync(ModelKey key, CancellationToken cancellationToken)
    {
        var manifest = await registry.GetManifestAsync(key.Model, key.Version, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return null;
        }

        var bytes = await registry.DownloadArtifactAsync(manifest, cancellationToken).ConfigureAwait(false)
            ?? throw new CorruptModelException($"Version {key.Version} of model '{key.Model}' has a manifest but no model.zip.");
        var sha = ContentHash.Sha256(bytes);
        if (!string.Equals(sha, manifest.Artifact.Sha256, StringComparison.Ordinal))
        {
            throw new CorruptModelException(
                $"Version {key.Version} of model '{key.Model}' is corrupt: model.zip has SHA-256 {sha}, the manifest records {manifest.Artifact.Sha256}.");
        }

        try
        {
            var started = TimeProvider.System.GetTimestamp();
            // MLContext is not documented as thread-safe and loads of different versions may overlap: one per load.
            var transformer = new MLContext().Model.Load(new MemoryStream(bytes, writable: false), out var inputSchema);
            var settings = options.Value;
            var scorer = new ModelScorer(transformer, inputSchema, manifest, settings.ParallelBatchThreshold);
            scorer.WarmUp();
            logger.ModelLoaded(key.Model, key.Version, bytes.Length, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
            return new LoadedModel(manifest, transformer, inputSchema, scorer, settings.ModelOverheadBytes + (long)(bytes.LongLength * settings.ModelMemoryFactor));
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            throw new CorruptModelException($"Version {key.Version} of model '{key.Model}' cannot be loaded: {ex.Message}", ex);
        }
    }
}
