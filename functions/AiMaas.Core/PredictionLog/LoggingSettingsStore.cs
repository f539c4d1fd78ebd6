using AiMaas.Core.Registry;
using AiMaas.Core.Storage;
using Azure;

namespace AiMaas.Core.PredictionLog;

/// <summary>
/// Logging settings in <c>models/{model}/logging.json</c>, beside the model document, so that deleting a model deletes them.
/// Written under the blob's ETag, like the model document's aliases.
/// </summary>
public sealed class LoggingSettingsStore(AiMaasStorage storage, ModelRegistry registry, TimeProvider time)
{
    public static string Path(string model) => $"{model}/logging.json";

    /// <summary>The stored settings, defaults (disabled, no ETag) when none were written, or null when the model does not exist.</summary>
    public async Task<VersionedLoggingSettings?> GetAsync(string model, CancellationToken cancellationToken)
    {
        var stored = await BlobDocuments.ReadAsync<LoggingSettings>(storage.Models.GetBlobClient(Path(model)), cancellationToken).ConfigureAwait(false);
        if (stored is { } found)
        {
            return new VersionedLoggingSettings(found.Document, found.ETag.ToString());
        }

        return await registry.GetModelAsync(model, cancellationToken).ConfigureAwait(false) is null
            ? null
            : new VersionedLoggingSettings(LoggingSettings.Disabled, null);
    }

    /// <summary>Replaces the settings. With <paramref name="ifMatch"/> only if unchanged since that ETag was read (412 otherwise).</summary>
    public async Task<Result<VersionedLoggingSettings>> PutAsync(string model, LoggingSettings settings, string? ifMatch, CancellationToken cancellationToken)
    {
        if (await registry.GetModelAsync(model, cancellationToken).ConfigureAwait(false) is null)
        {
            return Problem.NotFound($"Model '{model}' does not exist.");
        }

        var blob = storage.Models.GetBlobClient(Path(model));
        while (true)
        {
            var existing = await BlobDocuments.ReadAsync<LoggingSettings>(blob, cancellationToken).ConfigureAwait(false);
            if (ifMatch is not null && existing?.ETag != new ETag(ifMatch))
            {
                return Problem.PreconditionFailed($"The logging settings of model '{model}' have changed since ETag {ifMatch}; read them again and retry.");
            }

            var updated = settings with { UpdatedAt = time.GetUtcNow() };
            if (await BlobDocuments.TryWriteAsync(blob, updated, existing?.ETag, cancellationToken).ConfigureAwait(false) is { } etag)
            {
                return new VersionedLoggingSettings(updated, etag.ToString());
            }

            if (ifMatch is not null)
            {
                return Problem.PreconditionFailed($"The logging settings of model '{model}' changed while they were being updated; read them again and retry.");
            }
        }
    }
}
