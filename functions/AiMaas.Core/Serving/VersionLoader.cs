using AiMaas.Core.Data;
using AiMaas.Core.Diagnostics;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving.Fidelity;
using AiMaas.Core.Serving.Onnx;
using AiMaas.Core.Serving.Scoring;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML;

namespace AiMaas.Core.Serving;

/// <summary>
/// Loads one stored version into memory: downloads it, checks its bytes against the manifest's SHA-256, deserializes it,
/// builds its first scoring engine and scores its probe rows on the serving path, so that a version whose answers differ
/// from those recorded when it was stored is never served. Expected failures are problems: not found, corrupt, output
/// mismatch. It neither caches (<see cref="ModelCache"/>) nor resolves names (<see cref="ModelProvider"/>).
/// </summary>
public sealed class VersionLoader(ModelRegistry registry, IOptions<ServingOptions> options, ILogger<VersionLoader> logger)
{
    /// <summary>The loaded model; a not-found problem when the version does not exist, corrupt or output-mismatch when it must not be served.</summary>
    public async Task<Result<LoadedModel>> LoadAsync(VersionKey key, CancellationToken cancellationToken)
    {
        var manifest = await registry.GetManifestAsync(key.Model, key.Version, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return Problem.NotFound($"Version {key.Version} of model '{key.Model}' does not exist.");
        }

        var bytes = await registry.DownloadArtifactAsync(manifest, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            return Problem.Corrupt($"Version {key.Version} of model '{key.Model}' has a manifest but no {Path.GetFileName(manifest.Artifact.Path)}.");
        }

        var sha = ContentHash.Sha256(bytes);
        if (!string.Equals(sha, manifest.Artifact.Sha256, StringComparison.Ordinal))
        {
            return Problem.Corrupt(
                $"Version {key.Version} of model '{key.Model}' is corrupt: {Path.GetFileName(manifest.Artifact.Path)} has SHA-256 {sha}, the manifest records {manifest.Artifact.Sha256}.");
        }

        var started = TimeProvider.System.GetTimestamp();
        var deserialized = OnnxVersionLoader.IsOnnx(manifest) ? OnnxVersionLoader.Load(manifest, bytes, options.Value) : LoadMlNet(key, manifest, bytes);
        if (deserialized.Failed(out var problem))
        {
            return problem;
        }

        var loaded = deserialized.Value;
        logger.ModelLoaded(key.Model, key.Version, bytes.Length, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        if (loaded.Onnx is { } onnx)
        {
            logger.OnnxBatchSplitDecided(key.Model, key.Version, onnx.Split.RowIndependent, onnx.Split.Reason);
        }

        try
        {
            if (await VerifyProbeAsync(loaded, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                // Refused: never cached, so an ONNX session is released now.
                loaded.Retire();
                return refused;
            }
        }
        catch
        {
            loaded.Retire();
            throw;
        }

        return loaded;
    }

    private Result<LoadedModel> LoadMlNet(VersionKey key, ModelManifest manifest, byte[] bytes)
    {
        try
        {
            // MLContext is not documented as thread-safe and loads of different versions may overlap: one per load.
            var transformer = new MLContext().Model.Load(new MemoryStream(bytes, writable: false), out var inputSchema);
            var settings = options.Value;
            var scorer = new ModelScorer(transformer, inputSchema, manifest, settings.ParallelBatchThreshold);
            scorer.WarmUp();
            return new LoadedModel(manifest, transformer, inputSchema, scorer, settings.ModelOverheadBytes + (long)(bytes.LongLength * settings.ModelMemoryFactor));
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            return Problem.Corrupt($"Version {key.Version} of model '{key.Model}' cannot be loaded: {ex.Message}");
        }
    }

    /// <summary>Null when the probe rows score as recorded (or the version has none); a problem otherwise.</summary>
    private async Task<Problem?> VerifyProbeAsync(LoadedModel loaded, CancellationToken cancellationToken)
    {
        var (manifest, key) = (loaded.Manifest, loaded.Key);
        if (manifest.Probe is not { } reference)
        {
            logger.ModelHasNoProbe(key.Model, key.Version);
            return null;
        }

        var bytes = await registry.DownloadProbeAsync(reference, cancellationToken).ConfigureAwait(false);
        if (bytes is null || !string.Equals(ContentHash.Sha256(bytes), reference.Sha256, StringComparison.Ordinal))
        {
            return Problem.Corrupt($"Version {key.Version} of model '{key.Model}' is corrupt: probe.json is missing or does not match the SHA-256 in its manifest.");
        }

        string? mismatch;
        try
        {
            mismatch = loaded.Onnx is { } onnx
                ? OnnxProbe.Deserialize(bytes) is { } tensors ? tensors.FindMismatch(onnx) : "probe.json is empty"
                : ProbeSetFactory.Deserialize(bytes) is { } probe
                ? ProbeVerifier.FindMismatch(loaded.Scorer, loaded.InputSchema, probe)
                : "probe.json is empty";
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException or InvalidOperationException or ArgumentException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
        {
            mismatch = $"its probe rows cannot be scored: {ex.Message}";
        }

        if (mismatch is null)
        {
            return null;
        }

        logger.ModelOutputMismatch(key.Model, key.Version, mismatch);
        return Problem.OutputMismatch(
            $"Version {key.Version} of model '{key.Model}' is not served: the serving path answers differently from the model when it was stored ({mismatch}).");
    }
}
