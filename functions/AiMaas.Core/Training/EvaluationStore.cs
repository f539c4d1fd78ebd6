using System.Text.Json;
using AiMaas.Core.Registry;
using AiMaas.Core.Storage;
using Azure;
using Azure.Storage.Blobs.Models;

namespace AiMaas.Core.Training;

/// <summary>A version's hold-out sample, <c>{model}/{version}/evaluation.json</c> beside its <c>model.zip</c> (deleted with the version).</summary>
public sealed class EvaluationStore(AiMaasStorage storage, ModelCatalog catalog)
{
    public static string Path(string model, int version) => ModelPaths.VersionPrefix(model, version) + "evaluation.json";

    /// <summary>Written before the manifest, like the model: until the manifest exists nothing reads it, so a retry may replace it.</summary>
    public async Task SaveAsync(EvaluationSample sample, CancellationToken cancellationToken) =>
        await storage.Models.GetBlobClient(Path(sample.Model, sample.Version)).UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(sample, AiMaasJson.Options)),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            cancellationToken).ConfigureAwait(false);

    /// <summary>The sample of a version that exists; a problem when the version does not, or has none (uploads, older versions).</summary>
    public async Task<Result<EvaluationSample>> GetAsync(string model, int version, CancellationToken cancellationToken)
    {
        var manifest = await catalog.GetVersionAsync(model, version, cancellationToken).ConfigureAwait(false);
        if (manifest.Failed(out var problem))
        {
            return problem;
        }

        try
        {
            var content = await storage.Models.GetBlobClient(Path(model, version)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<EvaluationSample>(content.Value.Content.ToMemory().Span, AiMaasJson.Options)!;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return Problem.NotFound($"Version {version} of model '{model}' has no stored hold-out predictions (it was uploaded, or trained before they were kept).");
        }
    }
}
