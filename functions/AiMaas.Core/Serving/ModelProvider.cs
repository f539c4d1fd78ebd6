namespace AiMaas.Core.Serving;

/// <summary>
/// Serving's front door to models: turns a <see cref="ModelReference"/> (a version, or an alias resolved by
/// <see cref="AliasResolver"/>) into a version number, and gives the loaded model for it from the <see cref="ModelCache"/>,
/// with problems for unknown names and corrupt bytes.
/// </summary>
public sealed class ModelProvider(ModelCache cache, AliasResolver aliases)
{
    public async Task<Result<int>> ResolveVersionAsync(ModelReference reference, CancellationToken cancellationToken)
    {
        if (Identifiers.CheckModelName(reference.Model) is { } nameError)
        {
            return nameError;
        }

        var resolved = reference.Version ?? await aliases.ResolveAsync(reference.Model, reference.EffectiveAlias, cancellationToken).ConfigureAwait(false);
        return resolved is { } version
            ? version
            : Problem.NotFound($"Model '{reference.Model}' does not exist or has no alias '{reference.EffectiveAlias}'.");
    }

    public async Task<Result<LoadedModel>> GetAsync(ModelReference reference, CancellationToken cancellationToken)
    {
        var version = await ResolveVersionAsync(reference, cancellationToken).ConfigureAwait(false);
        if (version.Failed(out var problem))
        {
            return problem;
        }

        return await cache.GetAsync(new VersionKey(reference.Model, version.Value), cancellationToken).ConfigureAwait(false);
    }
}
