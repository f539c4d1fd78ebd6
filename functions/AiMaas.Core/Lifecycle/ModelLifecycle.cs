using System.Text.Json;
using AiMaas.Core.Registry;
using AiMaas.Core.Serving;

namespace AiMaas.Core.Lifecycle;

/// <summary>Write-side operations on models: aliases (promote, roll back) and deletion, validated and ETag-guarded.</summary>
public sealed class ModelLifecycle(ModelRegistry registry, ModelCache cache)
{
    public async Task<Result<VersionedDocument>> SetAliasAsync(string model, string alias, Stream body, string? ifMatch, CancellationToken cancellationToken)
    {
        if (ValidateNames(model, alias) is { } problem)
        {
            return problem;
        }

        AliasRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<AliasRequest>(body, AiMaasJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Problem.Invalid("body", $"malformed JSON: {ex.Message}");
        }

        if (request?.Version is not { } version || version < 1)
        {
            return Problem.Invalid("version", "expected the version number the alias should point at, e.g. {\"version\": 3}");
        }

        return await registry.SetAliasAsync(model, alias, version, ifMatch, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Result<VersionedDocument>> RemoveAliasAsync(string model, string alias, string? ifMatch, CancellationToken cancellationToken) =>
        ValidateNames(model, alias) is { } problem
            ? problem
            : await registry.RemoveAliasAsync(model, alias, ifMatch, cancellationToken).ConfigureAwait(false);

    public async Task<Result<VersionedDocument>> DeleteVersionAsync(string model, int version, CancellationToken cancellationToken)
    {
        if (Identifiers.CheckModelName(model) is { } nameError)
        {
            return nameError;
        }

        var deleted = await registry.DeleteVersionAsync(model, version, cancellationToken).ConfigureAwait(false);
        if (deleted.Problem is null)
        {
            cache.Evict(model, version);
        }

        return deleted;
    }

    public async Task<Result<string>> DeleteModelAsync(string model, CancellationToken cancellationToken)
    {
        if (Identifiers.CheckModelName(model) is { } nameError)
        {
            return nameError;
        }

        if (!await registry.DeleteModelAsync(model, cancellationToken).ConfigureAwait(false))
        {
            return Problem.NotFound($"Model '{model}' does not exist.");
        }

        cache.Evict(model);
        return model;
    }

    private static Problem? ValidateNames(string model, string alias) =>
        Identifiers.CheckModelName(model) is { } nameError ? nameError
        : AliasNames.Check(alias) is { } aliasError ? aliasError
        : null;

    private sealed record AliasRequest(int? Version);
}
