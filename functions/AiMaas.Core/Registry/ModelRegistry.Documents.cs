using AiMaas.Core.Storage;
using Azure;

namespace AiMaas.Core.Registry;

public sealed partial class ModelRegistry
{
    public async Task<ModelDocument?> GetModelAsync(string model, CancellationToken cancellationToken) =>
        (await GetModelWithETagAsync(model, cancellationToken).ConfigureAwait(false))?.Document;

    public async Task<VersionedDocument?> GetModelWithETagAsync(string model, CancellationToken cancellationToken) =>
        await BlobDocuments.ReadAsync<ModelDocument>(storage.Models.GetBlobClient(ModelPaths.Document(model)), cancellationToken).ConfigureAwait(false) is { } found
            ? new VersionedDocument(found.Document, found.ETag.ToString())
            : null;

    /// <summary>
    /// Applies <paramref name="change"/> to the model document under its ETag. With <paramref name="ifMatch"/> the caller's
    /// view must still be current (else 412); without it, a lost race re-reads and re-applies, so no update is ever lost.
    /// </summary>
    internal async Task<Result<VersionedDocument>> UpdateModelAsync(
        string model, string? ifMatch, Func<ModelDocument, Task<Result<ModelDocument>>> change, CancellationToken cancellationToken)
    {
        var blob = storage.Models.GetBlobClient(ModelPaths.Document(model));
        while (true)
        {
            var existing = await BlobDocuments.ReadAsync<ModelDocument>(blob, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return Problem.NotFound($"Model '{model}' does not exist.");
            }

            if (ifMatch is not null && existing.Value.ETag != new ETag(ifMatch))
            {
                return Problem.PreconditionFailed($"Model '{model}' has changed since ETag {ifMatch}; read it again and retry.");
            }

            var changed = await change(existing.Value.Document).ConfigureAwait(false);
            if (changed.Failed(out var problem))
            {
                return problem;
            }

            var updated = changed.Value with { UpdatedAt = time.GetUtcNow() };
            if (await BlobDocuments.TryWriteAsync(blob, updated, existing.Value.ETag, cancellationToken).ConfigureAwait(false) is { } etag)
            {
                return new VersionedDocument(updated, etag.ToString());
            }

            if (ifMatch is not null)
            {
                return Problem.PreconditionFailed($"Model '{model}' changed while it was being updated; read it again and retry.");
            }
        }
    }
}
